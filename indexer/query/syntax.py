"""The query language users type, parsed into a small syntax tree (no Whoosh here).

    item:norco outcome:upheld rationale:"functional improvement"
    (acupuncture OR chiropractic) -surgery decided:2016-12-01..2017-01-31 hydroco*

AND is implied between clauses; OR, NOT (or a leading -) and parentheses group them; "quoted
phrases" are exact words, `"a b"~5` allows up to 5 words between; `word*` matches word starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import QueryError

MAX_NESTING = 32  # brackets or NOTs inside one another: deeper would exhaust the recursion
MAX_QUERY_CHARS = 1000


@dataclass
class Word:
    text: str
    field: str | None = None


@dataclass
class Phrase:
    text: str
    slop: int = 0  # words allowed between the phrase's words
    field: str | None = None


@dataclass
class Prefix:
    text: str  # the part before the *, or a pattern with * and ?
    field: str | None = None


@dataclass
class Value:
    """A field value that is not free text: an outcome, a category, a case number, a date range."""
    text: str
    field: str


@dataclass
class Not:
    child: object


@dataclass
class Group:
    op: str  # "and" | "or"
    children: list = field(default_factory=list)


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<field>[A-Za-z_]+):(?=\S)
  | (?P<dangling>[A-Za-z_]+:)(?=\s|$)
  | (?P<phrase>"[^"]*"(?:~\d+)?)
  | (?P<quote>")
  | (?P<word>[^\s()"]+)
""", re.VERBOSE)


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs; raises QueryError for an unclosed quote or a field with no value."""
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            continue
        if kind == "quote":
            raise QueryError('unclosed quote: a phrase needs a closing "')
        if kind == "dangling":
            raise QueryError(f'"{m.group()}" needs a value right after the colon, e.g. {m.group()}norco')
        tokens.append((kind, m.group()))
    return tokens


class Parser:
    """Recursive descent over the token list; fields are checked by the caller-supplied `field_kind`."""

    def __init__(self, text: str, field_kind, fields: tuple[str, ...]):
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})", fields)
        try:
            self.tokens = tokenize(text)
        except QueryError as exc:
            raise QueryError(exc.message, fields) from None
        depth = deepest = negations = 0
        for kind, token in self.tokens:
            depth += (kind == "open") - (kind == "close")
            deepest = max(deepest, depth)
            negations += token == "NOT" or (kind == "word" and len(token) - len(token.lstrip("-")))
        if deepest > MAX_NESTING or negations > MAX_NESTING:
            raise QueryError(f"the query nests too deeply (at most {MAX_NESTING} brackets or NOTs)", fields)
        self.pos = 0
        self.field_kind = field_kind  # name -> (canonical field, "text" | "value"), raises QueryError
        self.fields = fields

    def parse(self):
        if not self.tokens:
            raise QueryError("empty query: type words, a \"phrase\" or field:value", self.fields)
        node = self._or()
        if self.pos < len(self.tokens):
            raise QueryError(f'unexpected "{self.tokens[self.pos][1]}" (unbalanced parentheses?)', self.fields)
        return node

    def _peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def _or(self):
        children = [self._and()]
        while self._peek() == ("word", "OR"):
            self.pos += 1
            children.append(self._and())
        return children[0] if len(children) == 1 else Group("or", children)

    def _and(self):
        children = []
        while True:
            kind, text = self._peek()
            if kind is None or kind == "close" or (kind, text) == ("word", "OR"):
                break
            if (kind, text) == ("word", "AND"):
                self.pos += 1
                continue
            children.append(self._unary())
        if not children:
            raise QueryError("an operator or parenthesis has nothing to apply to", self.fields)
        return children[0] if len(children) == 1 else Group("and", children)

    def _unary(self):
        kind, text = self._peek()
        if (kind, text) == ("word", "NOT") or (kind == "word" and text.startswith("-") and len(text) > 1):
            if text == "NOT":
                self.pos += 1
                if self._peek()[0] is None:
                    raise QueryError("NOT needs something after it", self.fields)
                return Not(self._unary())
            self.tokens[self.pos] = ("word", text[1:])
            return Not(self._unary())
        return self._primary(None)

    def _primary(self, field_name):
        kind, text = self._peek()
        if kind is None:
            raise QueryError("the query ends where a word was expected", self.fields)
        self.pos += 1
        if kind == "open":
            node = self._or()
            if self._peek()[0] != "close":
                raise QueryError("unbalanced parentheses: a ( is never closed", self.fields)
            self.pos += 1
            return _with_field(node, field_name)
        if kind == "close":
            raise QueryError("unbalanced parentheses: a ) has no matching (", self.fields)
        if kind == "field":
            if field_name:
                raise QueryError(f'"{text}" cannot follow another field', self.fields)
            name, how = self.field_kind(text[:-1])
            if how == "value":
                return self._value(name)
            return self._primary(name)
        if kind == "phrase":
            body, _, slop = text[1:].partition('"')
            return Phrase(body, int(slop[1:]) if slop else 0, field_name)
        return _word(text, field_name, self.fields)

    def _value(self, name):
        kind, text = self._peek()
        if kind not in ("word", "phrase"):
            raise QueryError(f'{name}: needs a value', self.fields)
        self.pos += 1
        return Value(text.strip('"'), name)


def _word(text: str, field_name, fields) -> object:
    if "*" in text or "?" in text:
        literal = re.split(r"[*?]", text, 1)[0]
        if len(re.sub(r"\W", "", literal)) < 3:
            raise QueryError(f'"{text}": a wildcard needs at least 3 letters before it (e.g. hydroco*)', fields)
        return Prefix(text, field_name)
    return Word(text, field_name)


def _with_field(node, field_name):
    """Apply `field:( ... )` to every clause inside the parentheses."""
    if field_name is None:
        return node
    if isinstance(node, Group):
        return Group(node.op, [_with_field(c, field_name) for c in node.children])
    if isinstance(node, Not):
        return Not(_with_field(node.child, field_name))
    if isinstance(node, (Word, Phrase, Prefix)) and node.field is None:
        node.field = field_name
    return node
