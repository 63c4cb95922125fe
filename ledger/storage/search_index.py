"""Schema 9: an index for the text search, so that a search finds its first screen without reading every task.

The search (``Store.filter_sql``) keeps its definition: every word of the text (split at white space) appears, in
ASCII letters of either case, in the task's problem title, measure, progress or detail (``LIKE '%word%'``). That
is a scan of every task (1.1 s at a million under load). This module adds a prefilter that can only say more:

- ``task_search`` holds, per live task (keyed by its rowid), the searched text as the LIKE sees it: the four
  fields, ASCII-lowered (SQLite's ``lower``), each followed by a line feed, and one more at the end;
- ``task_search_fts`` is an FTS5 trigram index over it (external content, no positions: 52 MB at a million);
- triggers keep both in the transaction of every write to ``task`` or ``problem`` (commands, bulk inserts, undo,
  merges), as ``task_tally``'s do.

A word of three or more characters becomes the AND of its trigrams; a word of one or two characters the OR of
the indexed trigrams beginning with it (read from an ``fts5vocab`` table; the line feeds after each field make
every one- and two-character piece of a field the start of a trigram). The candidates are a superset of the
matches: the LIKE clauses still decide, so the result is the same as without the index, only found sooner.
A search whose candidates are many (a common word) is better answered by walking the sort order and testing
each task, which finds a screenful within the first rows; ``search_clause`` says which.
"""

from __future__ import annotations

import sqlite3
import string
from typing import Any

CAP = 20_000  # candidates beyond which the index is not worth it (the word is common: walk the sort order)
MAX_TERMS = 400  # trigrams a one- or two-character word may expand to before the index gives up on it
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
LAST_CHAR = "\U0010ffff"

# The searched text of a task, from the row ``t`` and its problem's title ``title`` (both written out in SQL).
TEXT_SQL = "lower({title} || char(10) || {t}.measure || char(10) || {t}.progress || char(10) || {t}.detail || char(10, 10))"
TITLE_OF = "COALESCE((SELECT title FROM problem WHERE id = {t}.problem_id), '')"


def text_sql(t: str) -> str:
    return TEXT_SQL.format(title=TITLE_OF.format(t=t), t=t)


def migrate_9(conn: sqlite3.Connection) -> None:
    """The search text table, its FTS5 trigram index and the triggers that keep them, filled for existing tasks."""
    reindex_problem = (
        "DELETE FROM task_search WHERE task_rowid IN (SELECT rowid FROM task WHERE problem_id IN ({ids})); "
        "INSERT INTO task_search (task_rowid, text) SELECT t.rowid, " + text_sql("t") + " FROM task t "
        "WHERE t.problem_id IN ({ids}) AND t.deleted_at IS NULL;"
    )
    statements = [
        "CREATE TABLE task_search (task_rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)",
        "CREATE VIRTUAL TABLE task_search_fts USING fts5(text, content='task_search', content_rowid='task_rowid', "
        "tokenize='trigram case_sensitive 1', detail='none', columnsize=0)",
        "INSERT INTO task_search (task_rowid, text) SELECT t.rowid, "
        + text_sql("t")
        + " FROM task t WHERE t.deleted_at IS NULL",
        "INSERT INTO task_search_fts (task_search_fts) VALUES ('rebuild')",
        """CREATE TRIGGER task_search_fts_insert AFTER INSERT ON task_search BEGIN
            INSERT INTO task_search_fts (rowid, text) VALUES (NEW.task_rowid, NEW.text);
        END""",
        """CREATE TRIGGER task_search_fts_delete AFTER DELETE ON task_search BEGIN
            INSERT INTO task_search_fts (task_search_fts, rowid, text) VALUES ('delete', OLD.task_rowid, OLD.text);
        END""",
        """CREATE TRIGGER task_search_fts_update AFTER UPDATE ON task_search BEGIN
            INSERT INTO task_search_fts (task_search_fts, rowid, text) VALUES ('delete', OLD.task_rowid, OLD.text);
            INSERT INTO task_search_fts (rowid, text) VALUES (NEW.task_rowid, NEW.text);
        END""",
        f"""CREATE TRIGGER task_search_insert AFTER INSERT ON task WHEN NEW.deleted_at IS NULL BEGIN
            INSERT INTO task_search (task_rowid, text) VALUES (NEW.rowid, {text_sql("NEW")});
        END""",
        """CREATE TRIGGER task_search_delete AFTER DELETE ON task BEGIN
            DELETE FROM task_search WHERE task_rowid = OLD.rowid;
        END""",
        f"""CREATE TRIGGER task_search_update AFTER UPDATE OF problem_id, measure, progress, detail, deleted_at
            ON task BEGIN
            DELETE FROM task_search WHERE task_rowid = OLD.rowid;
            INSERT INTO task_search (task_rowid, text) SELECT NEW.rowid, {text_sql("NEW")} WHERE NEW.deleted_at IS NULL;
        END""",
        f"""CREATE TRIGGER task_search_problem_insert AFTER INSERT ON problem BEGIN
            {reindex_problem.format(ids="NEW.id")}
        END""",
        f"""CREATE TRIGGER task_search_problem_update AFTER UPDATE OF id, title ON problem BEGIN
            {reindex_problem.format(ids="OLD.id, NEW.id")}
        END""",
        f"""CREATE TRIGGER task_search_problem_delete AFTER DELETE ON problem BEGIN
            {reindex_problem.format(ids="OLD.id")}
        END""",
    ]
    for statement in statements:
        conn.execute(statement)


def indexed(conn: sqlite3.Connection) -> bool:
    """Whether the file has the index (a package read from an older version may not)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_search_fts'"
    ).fetchone()
    return found is not None


def quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(conn: sqlite3.Connection, words: list[str]) -> str | None:
    """The FTS5 query whose rows include every task containing all ``words`` (as LIKE sees them), "" when no task
    can, or None when the index cannot help (a character it cannot hold, a short word with very many trigrams)."""
    parts: list[str] = []
    for word in words:
        w = word.translate(ASCII_LOWER)
        if "\x00" in w:  # LIKE ends its pattern at a NUL; the index would not
            return None
        if len(w) >= 3:
            parts.append("(" + " AND ".join(quoted(w[i : i + 3]) for i in range(len(w) - 2)) + ")")
            continue
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.task_search_terms USING fts5vocab(main, task_search_fts, row)"
        )
        terms = [
            r[0]
            for r in conn.execute(
                "SELECT term FROM temp.task_search_terms WHERE term >= ? AND term <= ? LIMIT ?",
                (w, w + LAST_CHAR * 2, MAX_TERMS + 1),
            )
        ]
        if len(terms) > MAX_TERMS:
            return None
        if not terms:
            return ""
        parts.append("(" + " OR ".join(quoted(t) for t in terms) + ")")
    return " AND ".join(parts)


def search_clause(conn: sqlite3.Connection, words: list[str]) -> tuple[str, list[str]] | None:
    """A clause over ``task t`` keeping only the index's candidates for ``words`` when they are few (under
    ``CAP``), or None when the words are common or the index cannot help (then the LIKE clauses alone decide)."""
    if not words or not indexed(conn):
        return None
    expression = match_expression(conn, words)
    if expression is None:
        return None
    if expression == "":
        return "0", []
    found = conn.execute(
        "SELECT COUNT(*) FROM (SELECT rowid FROM task_search_fts WHERE task_search_fts MATCH ? LIMIT ?)",
        (expression, CAP),
    ).fetchone()[0]
    if found >= CAP:
        return None
    return "t.rowid IN (SELECT rowid FROM task_search_fts WHERE task_search_fts MATCH ?)", [expression]


FTS_ROWS = 100_000  # indexed tasks up to which verify runs FTS5's own integrity-check by default (~0.5 s)
WRONG_TEXT = "搜索索引 task_search 中任务 {task} 的文字与任务不符，在程序之外被改动过（搜索会因此漏掉任务）"
WRONG_FTS = "搜索索引 task_search_fts 与任务的文字不符，在程序之外被改动过（搜索会因此漏掉任务）"


def index_problem(conn: sqlite3.Connection, fts: bool = True) -> str | None:
    """What is wrong with the search index, in a sentence for ``verify`` (None: it is what the tasks make).

    ``text_problem``, then (``fts``) ``fts_problem``."""
    if not indexed(conn):
        return None
    return text_problem(conn) or (fts_problem(conn) if fts else None)


def text_problem(conn: sqlite3.Connection) -> str | None:
    """Each live task's searched text is in ``task_search`` exactly as ``text_sql`` makes it, and no other row is."""
    if not indexed(conn):
        return None
    # From the index's side (its rows in rowid order, each task read by rowid: 1 s at a million, where the same
    # join from the tasks' side takes 5), then the counts: every live task then has its row.
    row = conn.execute(
        "SELECT COALESCE(t.id, s.task_rowid) FROM task_search s LEFT JOIN task t ON t.rowid = s.task_rowid "
        f"WHERE t.rowid IS NULL OR t.deleted_at IS NOT NULL OR s.text IS NOT {text_sql('t')} LIMIT 1"
    ).fetchone()
    if row is None:
        live = conn.execute("SELECT COUNT(*) FROM task WHERE deleted_at IS NULL").fetchone()[0]
        if live != conn.execute("SELECT COUNT(*) FROM task_search").fetchone()[0]:
            row = conn.execute(
                "SELECT t.id FROM task t LEFT JOIN task_search s ON s.task_rowid = t.rowid "
                "WHERE t.deleted_at IS NULL AND s.task_rowid IS NULL LIMIT 1"
            ).fetchone()
    return None if row is None else WRONG_TEXT.format(task=row[0])


def fts_problem(conn: sqlite3.Connection) -> str | None:
    """FTS5's own 'integrity-check': the trigram index holds exactly the text of ``task_search`` (it reads the whole
    index: 5 s at a million tasks)."""
    if not indexed(conn):
        return None
    # FTS5 checks itself through an INSERT that writes nothing, but sqlite3 opens a transaction before it: ended
    # here, or the next command would run inside it and never be committed.
    began = not conn.in_transaction
    try:
        conn.execute("INSERT INTO task_search_fts (task_search_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_READONLY:
            return None  # only through a connection that may write (a return is read only)
        return WRONG_FTS
    finally:
        if began and conn.in_transaction:
            conn.rollback()
    return None


def fts_by_default(conn: sqlite3.Connection) -> bool:
    """Whether ``verify`` runs FTS5's integrity-check unasked: when the index is small enough for it to be cheap."""
    if not indexed(conn):
        return False
    row = conn.execute("SELECT task_rowid FROM task_search ORDER BY task_rowid LIMIT 1 OFFSET ?", (FTS_ROWS,))
    return row.fetchone() is None


def check_search_index(store: Any, fts: bool | None = None) -> Any:
    """``index_problem`` as ``verify`` reports it (a ``journal.Problem``), or None; ``fts``: run FTS5's
    integrity-check too (None: when the index is small, ``fts_by_default``)."""
    from ledger.storage.journal import Problem  # journal builds on the store, which builds on this module

    if fts is None:
        fts = fts_by_default(store.conn)
    detail = index_problem(store.conn, fts)
    return None if detail is None else Problem(0, "", "", detail)
