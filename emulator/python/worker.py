"""One execution context of the Databricks emulator: runs Python (and SQL on SQLite) for real.

Protocol: one JSON object per line on stdin ({"id", "language", "code"}); answers as JSON
lines on file descriptor 3 ({"type": "ready"}, then {"type": "result", "id", "results"} per
command), so nothing the user's code prints can be mistaken for an answer. SIGINT cancels the
running command, as Databricks' cancel interrupts the kernel.
"""
import ast
import base64
import html
import io
import json
import os
import re
import signal
import sqlite3
import sys
import traceback

# A cell's whole output past this many bytes is dropped for a warning (20 MB on the service).
MAX_OUTPUT = int(os.environ.get("EMULATOR_MAX_OUTPUT_BYTES", str(20 * 1024 * 1024)))
# spark.databricks.driver.maxReplOutputLength: text past this many characters keeps its head
# and tail around a warning (50,000 on Databricks Runtime 16.4 and below).
MAX_REPL = int(os.environ.get("EMULATOR_MAX_REPL_OUTPUT_LENGTH", "50000"))
# Notebook tables stop at 10,000 rows or 2 MB, whichever comes first.
ROW_LIMIT = int(os.environ.get("EMULATOR_ROW_LIMIT", "10000"))
TABLE_BYTES = int(os.environ.get("EMULATOR_TABLE_BYTES", str(2 * 1024 * 1024)))
RED, GREEN, RESET = "\x1b[0;31m", "\x1b[0;32m", "\x1b[0m"
OUTPUT_SKIPPED = "*** WARNING: max output size exceeded, skipping output. ***"

proto = os.fdopen(3, "w", buffering=1, encoding="utf-8")
interrupted = False


def on_sigint(_signum, _frame):
    global interrupted
    interrupted = True
    raise KeyboardInterrupt


signal.signal(signal.SIGINT, on_sigint)


class NotebookExit(BaseException):
    """dbutils.notebook.exit(v): ends the command and makes v its result."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


class _Notebook:
    def exit(self, value):
        raise NotebookExit(value)


class _DBUtils:
    notebook = _Notebook()


class CappedOutput(io.TextIOBase):
    """Collects printed text as the service does: the head and the tail of anything longer than
    MAX_REPL characters, and nothing but a warning past MAX_OUTPUT bytes. Memory stays bounded
    whatever the code prints."""

    def __init__(self):
        self.head, self.tail, self.chars, self.size = "", "", 0, 0
        self.keep_head = MAX_REPL - MAX_REPL // 2
        self.keep_tail = MAX_REPL // 2

    def writable(self):
        return True

    def write(self, s):
        n = len(s)
        self.chars += n
        self.size += len(s.encode("utf-8", "replace"))
        room = self.keep_head - len(self.head)
        if room > 0:
            self.head += s[:room]
            s = s[room:]
        if s:
            # One character more than kept, for the final newline the service drops.
            self.tail = (self.tail + s)[-(self.keep_tail + 1):]
        return n

    def text(self):
        if self.size > MAX_OUTPUT:
            return OUTPUT_SKIPPED
        head, tail, chars, size = self.head, self.tail, self.chars, self.size
        # The service returns printed text without its final newline: print(1) gives "1".
        if (tail or head).endswith("\n"):
            head, tail = (head, tail[:-1]) if tail else (head[:-1], tail)
            chars, size = chars - 1, size - 1
        if chars <= MAX_REPL:
            return head + tail
        tail = tail[len(tail) - self.keep_tail:] if self.keep_tail else ""
        skipped = size - len(head.encode("utf-8", "replace")) - len(tail.encode("utf-8", "replace"))
        return f"{head}\n*** WARNING: skipped {skipped} bytes of output ***\n\n{tail}"


user_globals = {"__name__": "__main__", "dbutils": _DBUtils()}
db = sqlite3.connect(":memory:", check_same_thread=False)
db.set_progress_handler(lambda: 1 if interrupted else 0, 10000)

# Spark sends DECIMAL values as JSON numbers with every digit, which sqlite cannot hold.
# `SELECT decimal('1.00000000000000000001')` marks the text; answer() writes it as a number.
EXACT = "\u0000exact:"
EXACT_JSON = re.compile(r'"\\u0000exact:(-?[0-9]+(?:\.[0-9]+)?)"')
db.create_function("decimal", 1, lambda text: EXACT + str(text), deterministic=True)
counter = 0


def cancelled_result():
    return {
        "resultType": "error",
        "summary": "<span class='ansi-red-fg'>CommandCancelledException</span>: Command was cancelled",
        "cause": "com.databricks.backend.common.rpc.CommandCancelledException\n"
        "\tat com.databricks.spark.chauffeur.ExecContextState.cancel(ExecContextState.scala:412)\n",
    }


def python_error(exc, code, filename):
    name = type(exc).__name__
    message = str(exc)
    lines = [RED + "-" * 75 + RESET]
    if isinstance(exc, SyntaxError):
        lines.append(f"  File {GREEN}{filename}:{exc.lineno}{RESET}")
        if exc.text:
            lines.append("    " + exc.text.rstrip("\n"))
            if exc.offset:
                lines.append("    " + " " * (exc.offset - 1) + "^")
        message = exc.msg
    else:
        lines.append(f"{RED}{name}{RESET}" + " " * max(1, 42 - len(name)) + "Traceback (most recent call last)")
        source = code.split("\n")
        for frame in traceback.extract_tb(exc.__traceback__)[1:]:
            lines.append(f"File {GREEN}{frame.filename}:{frame.lineno}{RESET}, in {frame.name}")
            text = frame.line
            if frame.filename == filename and frame.lineno and frame.lineno <= len(source):
                text = source[frame.lineno - 1]
            if text:
                lines.append(f"{GREEN}----> {frame.lineno}{RESET} {text.strip()}")
            lines.append("")
    lines.append(f"{RED}{name}{RESET}: {message}")
    return {
        "resultType": "error",
        "summary": f"<span class='ansi-red-fg'>{html.escape(name)}</span>: {html.escape(message)}",
        "cause": "\n".join(lines),
    }


def run_python(code, command_id):
    global counter, displayed
    counter += 1
    displayed = None
    filename = f"<command-{command_id}>"
    out = CappedOutput()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    value = None
    try:
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec"), user_globals)
        if last is not None:
            value = eval(compile(last, filename, "eval"), user_globals)
    except NotebookExit as e:
        return {"resultType": "text", "data": "" if e.value is None else str(e.value)}
    except KeyboardInterrupt:
        return cancelled_result()
    except BaseException as e:  # noqa: BLE001 - every failure of user code is a result
        if interrupted:
            return cancelled_result()
        return python_error(e, code, filename)
    finally:
        sys.stdout, sys.stderr = saved
    if displayed is not None:
        return displayed
    text = out.text()
    if value is not None:
        # The last expression's value comes on its own line.
        text += ("\n" if text else "") + f"Out[{counter}]: {value!r}"
    return {"resultType": "text", "data": text}


def split_sql(code):
    statements, buf = [], ""
    for part in code.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                statements.append(buf)
            buf = ""
    if buf.strip(" \t\r\n;"):
        statements.append(buf)
    return statements


def spark_type(values):
    if values and all(isinstance(v, str) and v.startswith(EXACT) for v in values):
        scale = max(len(v.split(".")[1]) if "." in v else 0 for v in values)
        return f"decimal(38,{scale})"
    seen = {type(v) for v in values if v is not None}
    if seen and seen <= {int}:
        return "long"
    if seen and seen <= {int, float}:
        return "double"
    if seen == {bytes}:
        return "binary"
    return "string"


def sql_value(v):
    return base64.b64encode(v).decode() if isinstance(v, bytes) else v


def sql_error(exc):
    text = str(exc)
    kind = "ParseException" if "syntax error" in text or "incomplete input" in text else "AnalysisException"
    return {
        "resultType": "error",
        "summary": f"<span class='ansi-red-fg'>{kind}</span>: {html.escape(text)}",
        "cause": f"org.apache.spark.sql.catalyst.parser.{kind}: {text}\n"
        "\tat org.apache.spark.sql.execution.SparkSqlParser.parse(SparkSqlParser.scala:49)\n",
    }


def table_result(description, rows):
    """A `table` result: at most ROW_LIMIT rows and TABLE_BYTES, `truncated` when there were more."""
    if description is None:
        return {"resultType": "table", "data": [], "schema": [], "truncated": False, "isJsonSchema": True}
    truncated = len(rows) > ROW_LIMIT
    data, size = [], 0
    for r in rows[:ROW_LIMIT]:
        row = [sql_value(v) for v in r]
        # Notebook tables also stop at TABLE_BYTES (2 MB on the service).
        size += len(json.dumps(row))
        if size > TABLE_BYTES:
            truncated = True
            break
        data.append(row)
    schema = [
        {"name": d[0], "type": json.dumps(spark_type([r[i] for r in data])), "metadata": "{}"}
        for i, d in enumerate(description)
    ]
    return {"resultType": "table", "data": data, "schema": schema, "truncated": truncated, "isJsonSchema": True}


def run_sql(code):
    cur = db.cursor()
    description, rows = None, []
    try:
        for statement in split_sql(code):
            cur.execute(statement)
            if cur.description:
                description = cur.description
                rows = cur.fetchmany(ROW_LIMIT + 1)
        db.commit()
    except KeyboardInterrupt:
        return cancelled_result()
    except sqlite3.Error as e:
        return cancelled_result() if interrupted else sql_error(e)
    return table_result(description, rows)


class ParseException(Exception):
    """What pyspark raises for SQL it cannot parse."""


class AnalysisException(Exception):
    """What pyspark raises for SQL that parses but cannot run (unbound parameters too)."""


class Row(tuple):
    """A row of a DataFrame: a tuple whose fields are also attributes, as pyspark's Row."""

    def __new__(cls, names, values):
        row = super().__new__(cls, values)
        row._names = list(names)
        return row

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[self._names.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def asDict(self):
        return dict(zip(self._names, self))


class DataFrame:
    """The result of spark.sql, run at once on SQLite (Spark runs queries lazily; same rows)."""

    def __init__(self, description, rows):
        self._description, self._rows = description, rows

    @property
    def columns(self):
        return [d[0] for d in self._description or []]

    def collect(self):
        return [Row(self.columns, r) for r in self._rows]

    def first(self):
        rows = self.collect()
        return rows[0] if rows else None

    def count(self):
        return len(self._rows)

    def show(self, n=20):
        print(" | ".join(self.columns))
        for r in self._rows[:n]:
            print(" | ".join("null" if v is None else str(v) for v in r))


class SparkSession:
    """`spark` in a Python context: spark.sql(query, args=...) with parameter markers bound by
    the database, as Spark 3.4+ binds named `:name` (a dict) or positional `?` (a list) markers."""

    def sql(self, sqlQuery, args=None, **kwargs):
        statement = sqlQuery.strip().rstrip(";").strip()
        cur = db.cursor()
        try:
            cur.execute(statement, args if args is not None else {})
            rows = cur.fetchall() if cur.description else []
            db.commit()
        except sqlite3.ProgrammingError as e:
            text = str(e)
            if "supply a value for binding parameter" in text:
                name = text.split("parameter", 1)[1].strip(" .:")
                raise AnalysisException(
                    f"[UNBOUND_SQL_PARAMETER] Found the unbound parameter: {name}. "
                    "Please, fix `args` and provide a mapping of the parameter to a SQL literal."
                ) from None
            raise ParseException(f"[PARSE_SYNTAX_ERROR] {text}") from None
        except sqlite3.Error as e:
            if interrupted:
                raise KeyboardInterrupt from None
            kind = ParseException if "syntax error" in str(e) or "incomplete input" in str(e) else AnalysisException
            raise kind(str(e)) from None
        return DataFrame(cur.description, rows)


def display(value):
    """Databricks' display(): a DataFrame becomes the command's table result."""
    global displayed
    if isinstance(value, DataFrame):
        displayed = table_result(value._description, value._rows)
    else:
        print(value)


displayed = None
user_globals.update(spark=SparkSession(), display=display)


def answer(obj):
    proto.write(EXACT_JSON.sub(r"\1", json.dumps(obj)) + "\n")


def main():
    global interrupted
    answer({"type": "ready", "pid": os.getpid()})
    while True:
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            continue  # a cancel that arrived after its command ended
        if not line:
            return
        request = json.loads(line)
        interrupted = False
        try:
            if request["language"] == "sql":
                results = run_sql(request["code"])
            else:
                results = run_python(request["code"], request["id"])
        except KeyboardInterrupt:
            results = cancelled_result()
        interrupted = False
        answer({"type": "result", "id": request["id"], "results": results})


if __name__ == "__main__":
    main()
