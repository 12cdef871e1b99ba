// Reads a glossary or a TMX through OmegaT's own readers and prints what OmegaT makes of it:
// one line per entry, fields separated by tabs, with tabs, line breaks and backslashes escaped.
//   java -cp OmegaT.jar:. OmegaTReaders tsv|csv|tbx|tmx FILE SOURCE_LANG TARGET_LANG
// OmegaT's TBX reader asks the open project for its languages, so a project is stood in by a proxy
// that answers only getProjectProperties().

import java.io.File;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderCSV;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;
import org.omegat.util.Language;
import org.omegat.util.TMXReader2;

public class OmegaTReaders {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        File file = new File(args[1]).getAbsoluteFile();
        ProjectProperties properties = new ProjectProperties(file.getParentFile());
        properties.setSourceLanguage(args[2]);
        properties.setTargetLanguage(args[3]);
        Core.setProject((IProject) Proxy.newProxyInstance(
                IProject.class.getClassLoader(),
                new Class<?>[] {IProject.class},
                (proxy, method, arguments) -> method.getName().equals("getProjectProperties") ? properties : null));
        List<String[]> rows = new ArrayList<>();
        if (kind.equals("tmx")) {
            new TMXReader2().readTMX(file, new Language(args[2]), new Language(args[3]), false, false, false, false,
                    (tu, source, target, isParagraph) -> {
                        rows.add(new String[] {source == null ? "" : source.text, target == null ? "" : target.text, ""});
                        return true;
                    });
        } else {
            List<GlossaryEntry> entries = kind.equals("tsv") ? GlossaryReaderTSV.read(file, false)
                    : kind.equals("csv") ? GlossaryReaderCSV.read(file, false)
                    : GlossaryReaderTBX.read(file, false);
            for (GlossaryEntry entry : entries) {
                rows.add(new String[] {entry.getSrcText(), entry.getLocText(), entry.getCommentText()});
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) out.append('\t');
                out.append(row[i].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
