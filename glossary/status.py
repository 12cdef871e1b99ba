"""What a reviewer typed in the Status column, read as meant.

Reviewers type more than the dropdown offers: `Approved.`, ` approved `, `ok`, `✓`, `通过`, full-width
`ａｐｐｒｏｖｅｄ` from a Chinese input method, `x`, `否`, `delete`. Every reader of a workbook (the merge,
exports, termlist, evaluate) goes through `read_status`, so that they all agree on what a row says.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from glossary.models import STATUSES

APPROVED, REJECTED, CANDIDATE = "approved", "rejected", "candidate"

# Words with one meaning in a review; none that reads either way (e.g. "done", "keep", "?").
APPROVED_WORDS = frozenset(
    {
        "approved", "approve", "accepted", "accept", "ok", "okay", "yes", "y", "good", "correct",
        "✓", "✔", "☑", "√",
        "通过", "已通过", "审核通过", "已审核", "批准", "已批准", "采纳", "已采纳", "同意", "确认", "已确认",
        "是", "对", "正确",
    }
)  # fmt: skip
REJECTED_WORDS = frozenset(
    {
        "rejected", "reject", "no", "n", "x", "delete", "deleted", "remove", "wrong", "incorrect",
        "✗", "✘", "×", "☒",
        "否", "不", "不通过", "未通过", "拒绝", "已拒绝", "驳回", "不采纳",
        "删除", "删", "错", "错误", "不对",
    }
)  # fmt: skip
CANDIDATE_WORDS = frozenset({"", "candidate", "待审", "待审核", "未审核", "待定"})

_WORDS = {
    **{word: APPROVED for word in APPROVED_WORDS},
    **{word: REJECTED for word in REJECTED_WORDS},
    **{word: CANDIDATE for word in CANDIDATE_WORDS},
}


@dataclass(frozen=True)
class StatusReading:
    status: str  # approved, rejected, candidate, or the reviewer's own text when it is none of them
    known: bool  # False when the text is no word this module knows


def status_key(text: str) -> str:
    """The typed text without what does not change its meaning: case, full-width forms (NFKC), spaces,
    punctuation around a word."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = "".join(folded.split())
    start, end = 0, len(folded)
    while start < end and _is_punctuation(folded[start]):
        start += 1
    while end > start and _is_punctuation(folded[end - 1]):
        end -= 1
    return folded[start:end] or folded  # "?" alone is a word of its own


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def read_status(text: str) -> StatusReading:
    """The status a reviewer meant by `text` (a Status cell as text). A word it does not know is kept
    as written, stripped of surrounding spaces, so that the row stays reviewed and the text survives."""
    key = status_key(text)
    if "?" in unicodedata.normalize("NFKC", text):  # "ok?", "approved？": a doubt, not a decision
        return StatusReading(text.strip(), known=False)
    status = _WORDS.get(key)
    if status is None and len(key) >= 3:
        status = next((name for name in STATUSES if name.startswith(key)), None)  # "appr", "rej"
    if status is None:
        return StatusReading(text.strip(), known=False)
    return StatusReading(status, known=True)
