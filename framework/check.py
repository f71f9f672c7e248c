#!/usr/bin/env python3.11
"""Validate the mprofile indicator framework (TOML files in this folder).

Usage: python3.11 framework/check.py [framework_dir]

Checks: every file parses; every multilingual text has non-empty en/fr/pt; ids and
codes are unique; every indicator's theme, unit, dimensions and own dimensions exist;
formulas parse with the platform grammar and name only existing indicators,
dimensions, codelist values and functions; no formula cycles; >= 130 indicators and
all 14 themes used. Exits 1 on any error; warnings do not fail. Prints counts per theme.
"""
import pathlib
import re
import sys
import tomllib

LANGS = ("en", "fr", "pt")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)+$")
ID_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")
UNIT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# The platform's code grammar (mp-domain CodeValue): letters, digits, `_`, `-` or `.`, such
# as the store's source codes in CL_DATA_SOURCE.
CODEVAL_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
SDG_RE = re.compile(r"^\d{1,2}\.[0-9a-c]{1,2}\.\d$")
AREA_GROUPS = {"WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"}
FUNCTIONS = {"lag", "ln", "abs", "sum", "top_share", "group_share"}
PREFIX_THEME = {
    "POL": "T01", "DEV": "T02", "EDU": "T02", "DQA": "T03",
    "IMM": "T04", "EMI": "T04", "NET": "T04", "REF": "T04", "STU": "T04",
    "IRR": "T05", "IDP": "T06", "INT": "T06", "SS": "T06", "RET": "T07",
    "DIA": "T08", "REM": "T09", "LAB": "T10", "SKL": "T11", "GEN": "T12",
    "PRJ": "T13", "FCT": "T14",
}
MAX_NAME = 70

errors: list[str] = []
warnings: list[str] = []


def err(where: str, msg: str) -> None:
    errors.append(f"{where}: {msg}")


def warn(where: str, msg: str) -> None:
    warnings.append(f"{where}: {msg}")


def load(path: pathlib.Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        err(str(path.name), f"cannot load: {e}")
        return {}


def check_ml(where: str, value, *, required: bool = True, max_len: int | None = None) -> None:
    """A multilingual text: a table with exactly en, fr and pt, all non-empty strings."""
    if value is None:
        if required:
            err(where, "missing multilingual text")
        return
    if not isinstance(value, dict):
        err(where, f"expected {{ en, fr, pt }} table, got {type(value).__name__}")
        return
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            err(where, f"missing or empty '{lang}'")
        elif text != text.strip():
            warn(where, f"'{lang}' has leading/trailing spaces")
        elif max_len and len(text) > max_len:
            warn(where, f"'{lang}' name longer than {max_len} chars ({len(text)})")
    extra = set(value) - set(LANGS)
    if extra:
        err(where, f"unexpected language keys {sorted(extra)}")


def scan_ml(where: str, obj) -> None:
    """Any table that has one of en/fr/pt must have all three."""
    if isinstance(obj, dict):
        if set(obj) & set(LANGS):
            check_ml(where, obj)
            return
        for k, v in obj.items():
            scan_ml(f"{where}.{k}", v)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            scan_ml(f"{where}[{i}]", v)


def unique(where: str, items, key: str) -> set:
    seen = set()
    for it in items:
        v = it.get(key)
        if v in seen:
            err(where, f"duplicate {key} {v!r}")
        seen.add(v)
    return seen


# ----------------------------------------------------------------------------- formula
TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<code>[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)"
    r"|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>[-+*/(){},=]))"
)


class FormulaError(Exception):
    pass


def tokenize(text: str):
    pos, toks = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"unexpected character at {pos}: {text[pos:pos + 10]!r}")
        kind = m.lastgroup
        toks.append((kind, m.group(kind)))
        pos = m.end()
    toks.append(("end", ""))
    return toks


class Parser:
    """Recursive descent over the grammar in the framework brief. Collects refs."""

    def __init__(self, text: str):
        self.toks = tokenize(text)
        self.i = 0
        self.refs: list[tuple[str, dict, set]] = []  # (code, pinned dims, free dims)
        self.dim_args: list[tuple[str, str]] = []   # (code, dim) for sum/top_share/group_share

    def peek(self):
        return self.toks[self.i]

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind, value=None):
        t = self.next()
        if t[0] != kind or (value is not None and t[1] != value):
            raise FormulaError(f"expected {value or kind}, got {t[1]!r}")
        return t

    def parse(self):
        self.expr()
        if self.peek()[0] != "end":
            raise FormulaError(f"trailing input at {self.peek()[1]!r}")

    def expr(self):
        self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            self.next()
            self.term()

    def term(self):
        self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            self.next()
            self.factor()

    def factor(self):
        kind, val = self.peek()
        if kind == "num":
            self.next()
        elif (kind, val) == ("op", "-"):
            self.next()
            self.factor()
        elif (kind, val) == ("op", "("):
            self.next()
            self.expr()
            self.expect("op", ")")
        elif kind == "code":
            self.ref()
        elif kind == "ident":
            self.call()
        else:
            raise FormulaError(f"unexpected {val!r}")

    def ref(self):
        _, code = self.expect("code")
        pinned = {}
        if self.peek() == ("op", "{"):
            self.next()
            while True:
                dim = self.expect("ident")[1]
                self.expect("op", "=")
                t = self.next()
                if t[0] not in ("ident", "num") or not CODEVAL_RE.match(t[1]):
                    raise FormulaError(f"bad code value {t[1]!r}")
                if dim in pinned:
                    raise FormulaError(f"dimension {dim} pinned twice")
                pinned[dim] = t[1]
                if self.peek() == ("op", ","):
                    self.next()
                    continue
                self.expect("op", "}")
                break
        self.refs.append((code, pinned, set()))
        return len(self.refs) - 1

    def integer(self):
        _, val = self.expect("num")
        if not val.isdigit() or int(val) < 1:
            raise FormulaError(f"expected a positive integer, got {val!r}")

    def call(self):
        _, name = self.expect("ident")
        if name not in FUNCTIONS:
            raise FormulaError(f"unknown function {name!r}")
        self.expect("op", "(")
        if name in ("ln", "abs"):
            self.expr()
        elif name == "lag":
            self.ref()
            self.expect("op", ",")
            self.integer()
        else:  # sum, top_share, group_share: ref, DIM [, N | GROUP]
            r = self.ref()
            self.expect("op", ",")
            dim = self.expect("ident")[1]
            self.refs[r][2].add(dim)
            self.dim_args.append((self.refs[r][0], dim))
            if name == "top_share":
                self.expect("op", ",")
                self.integer()
            elif name == "group_share":
                self.expect("op", ",")
                group = self.expect("ident")[1]
                if dim != "COUNTERPART_AREA":
                    raise FormulaError("group_share needs the COUNTERPART_AREA dimension")
                if group not in AREA_GROUPS:
                    raise FormulaError(f"unknown area group {group!r}")
        self.expect("op", ")")


# ----------------------------------------------------------------------------- main
def main(root: pathlib.Path) -> int:
    fw = load(root / "framework.toml")
    if fw.get("version") != "2026.1":
        err("framework.toml", f"version is {fw.get('version')!r}")
    if fw.get("languages") != list(LANGS):
        err("framework.toml", f"languages must be {list(LANGS)}")

    themes = load(root / "themes.toml").get("theme", [])
    theme_codes = unique("themes.toml", themes, "code")
    for t in themes:
        w = f"themes.toml {t.get('code')}"
        if not re.fullmatch(r"T(0[1-9]|1[0-4])", str(t.get("code"))):
            err(w, "code must be T01..T14")
        elif t.get("order") != int(t["code"][1:]):
            err(w, f"order {t.get('order')} does not match code")
        check_ml(w + ".name", t.get("name"), max_len=MAX_NAME)
        check_ml(w + ".description", t.get("description"))
    if len(themes) != 14:
        err("themes.toml", f"{len(themes)} themes, expected 14")

    units = load(root / "units.toml").get("unit", [])
    unit_ids = unique("units.toml", units, "id")
    for u in units:
        w = f"units.toml {u.get('id')}"
        if not UNIT_RE.match(str(u.get("id"))):
            err(w, "id must be snake_case")
        check_ml(w + ".name", u.get("name"), max_len=MAX_NAME)
        if "symbol" in u and not (isinstance(u["symbol"], str) and u["symbol"]):
            err(w, "symbol must be a non-empty string")

    codelists = {}
    for c in load(root / "codelists.toml").get("codelist", []):
        w = f"codelists.toml {c.get('id')}"
        if c.get("id") in codelists:
            err(w, "duplicate codelist id")
        if not re.match(r"^CL_[A-Z0-9_]+$", str(c.get("id"))):
            err(w, "id must start with CL_")
        check_ml(w + ".name", c.get("name"), max_len=MAX_NAME)
        codes = c.get("code", [])
        if not codes:
            err(w, "no codes")
        ids = unique(w, codes, "id")
        for code in codes:
            cw = f"{w}/{code.get('id')}"
            if not CODEVAL_RE.match(str(code.get("id"))):
                err(cw, "bad code id")
            check_ml(cw + ".name", code.get("name"), max_len=MAX_NAME)
            if "parent" in code and code["parent"] not in ids:
                err(cw, f"parent {code['parent']!r} not in codelist")
            extra = set(code) - {"id", "name", "parent"}
            if extra:
                err(cw, f"unexpected keys {sorted(extra)}")
        codelists[c.get("id")] = ids

    for cl_id, codes_req in {
        "CL_SEX": {"F", "M", "_T", "_O", "_U"},
        "CL_OBS_STATUS": set("ABDEFGIJKLMNOPQSUVWH"),
        "CL_FREQ": set("ASQMWD"),
        "CL_UNIT_MULT": {"0", "1", "2", "3", "4", "6", "9", "12", "15"},
        "CL_VARIANT": {"MED", "LOW", "HIGH", "LO80", "HI80", "LO95", "HI95"},
    }.items():
        missing = codes_req - codelists.get(cl_id, set())
        if missing:
            err("codelists.toml", f"{cl_id} lacks {sorted(missing)}")

    dims = {}
    for d in load(root / "dimensions.toml").get("dimension", []):
        w = f"dimensions.toml {d.get('id')}"
        if d.get("id") in dims:
            err(w, "duplicate dimension id")
        if not ID_RE.match(str(d.get("id"))):
            err(w, "bad id")
        check_ml(w + ".name", d.get("name"), max_len=MAX_NAME)
        cl = d.get("codelist")
        if cl != "@AREA" and cl not in codelists:
            err(w, f"unknown codelist {cl!r}")
        dims[d.get("id")] = cl
    for cl_id in codelists:
        if cl_id not in dims.values() and cl_id not in ("CL_OBS_STATUS", "CL_FREQ", "CL_UNIT_MULT"):
            warn("codelists.toml", f"{cl_id} is used by no dimension")

    # indicators
    indicators = {}
    per_theme = {t: 0 for t in sorted(theme_codes)}
    files = sorted((root / "indicators").glob("*.toml"))
    if not files:
        err("indicators/", "no indicator files")
    for path in files:
        m = re.fullmatch(r"(T\d\d)-[a-z0-9-]+\.toml", path.name)
        if not m:
            err(path.name, "file name must be Txx-<slug>.toml")
        file_theme = m.group(1) if m else None
        data = load(path)
        extra_top = set(data) - {"indicator"}
        if extra_top:
            err(path.name, f"unexpected top-level keys {sorted(extra_top)}")
        for ind in data.get("indicator", []):
            code = ind.get("code")
            w = f"{path.name} {code}"
            if not isinstance(code, str) or not CODE_RE.match(code):
                err(w, "code does not match the code regex")
                continue
            if code in indicators:
                err(w, "duplicate indicator code")
            ind["_file"] = path.name
            indicators[code] = ind
            theme = ind.get("theme")
            if theme not in theme_codes:
                err(w, f"unknown theme {theme!r}")
            else:
                per_theme[theme] += 1
            if file_theme and theme != file_theme:
                err(w, f"theme {theme} in file of {file_theme}")
            want = PREFIX_THEME.get(code.split(".")[0])
            if want and want != theme:
                err(w, f"prefix {code.split('.')[0]} belongs to {want}")
            check_ml(w + ".name", ind.get("name"), max_len=MAX_NAME)
            check_ml(w + ".definition", ind.get("definition"))
            if ind.get("unit") not in unit_ids:
                err(w, f"unknown unit {ind.get('unit')!r}")
            um = ind.get("unit_mult")
            if not isinstance(um, int) or isinstance(um, bool) or str(um) not in codelists.get("CL_UNIT_MULT", set()):
                err(w, f"unit_mult {um!r} not an integer in CL_UNIT_MULT")
            dec = ind.get("decimals")
            if not isinstance(dec, int) or isinstance(dec, bool) or not 0 <= dec <= 6:
                err(w, f"decimals {dec!r} must be an integer 0..6")
            own = {}
            for od in ind.get("own_dimension", []):
                oid = od.get("id")
                ow = f"{w} own_dimension {oid}"
                if not ID_RE.match(str(oid)):
                    err(ow, "bad id")
                if oid in dims or oid in own:
                    err(ow, "id clashes with another dimension")
                check_ml(ow + ".name", od.get("name"), max_len=MAX_NAME)
                codes = od.get("code", [])
                if not codes:
                    err(ow, "no codes")
                ids = unique(ow, codes, "id")
                for c in codes:
                    if not CODEVAL_RE.match(str(c.get("id"))):
                        err(ow, f"bad code id {c.get('id')!r}")
                    check_ml(f"{ow}/{c.get('id')}.name", c.get("name"), max_len=MAX_NAME)
                own[oid] = ids
                if oid not in ind.get("dimensions", []):
                    err(ow, "own dimension not listed in dimensions")
            ind["_own"] = own
            dl = ind.get("dimensions")
            if not isinstance(dl, list):
                err(w, "dimensions must be an array")
                dl = []
            if len(set(dl)) != len(dl):
                err(w, "repeated dimension")
            for d in dl:
                if d not in dims and d not in own:
                    err(w, f"unknown dimension {d!r}")
            srcs = ind.get("source", [])
            if not srcs:
                err(w, "no [[indicator.source]]")
            for i, s in enumerate(srcs):
                sw = f"{w} source[{i}]"
                check_ml(sw + ".name", s.get("name"))
                if "code" in s and not (isinstance(s["code"], str) and s["code"]):
                    err(sw, "code must be a non-empty string")
                if "caveat" in s:
                    check_ml(sw + ".caveat", s["caveat"])
                extra = set(s) - {"name", "code", "caveat"}
                if extra:
                    err(sw, f"unexpected keys {sorted(extra)}")
            if "sdg" in ind and not (isinstance(ind["sdg"], str) and SDG_RE.match(ind["sdg"])):
                err(w, f"sdg {ind['sdg']!r} is not an SDG indicator number")
            if "gcm" in ind:
                g = ind["gcm"]
                if not isinstance(g, list) or not g or any(not isinstance(x, int) or not 1 <= x <= 23 for x in g):
                    err(w, f"gcm must be a non-empty array of integers 1..23, got {g!r}")
                elif len(set(g)) != len(g) or g != sorted(g):
                    warn(w, "gcm should be sorted and unique")
            if "key" in ind and ind["key"] is not True:
                err(w, "key must be true when present")
            if "formula" in ind and not (isinstance(ind["formula"], str) and ind["formula"].strip()):
                err(w, "formula must be a non-empty string")
            allowed = {"code", "theme", "name", "definition", "unit", "unit_mult", "decimals", "dimensions",
                       "own_dimension", "source", "sdg", "gcm", "key", "formula", "_file", "_own"}
            extra = set(ind) - allowed
            if extra:
                err(w, f"unexpected keys {sorted(extra)}")
            scan_ml(w, {k: v for k, v in ind.items()
                        if not k.startswith("_") and k not in ("name", "definition", "source", "own_dimension")})

    def codelist_of(ind, dim):
        if dim in ind.get("_own", {}):
            return ind["_own"][dim]
        cl = dims.get(dim)
        return "@AREA" if cl == "@AREA" else codelists.get(cl, set())

    # formulas
    deps = {}
    for code, ind in indicators.items():
        f = ind.get("formula")
        if not isinstance(f, str):
            continue
        w = f"{ind['_file']} {code} formula"
        p = Parser(f)
        try:
            p.parse()
        except FormulaError as e:
            err(w, f"{e} in {f!r}")
            continue
        deps[code] = set()
        for ref_code, pinned, free in p.refs:
            target = indicators.get(ref_code)
            if target is None:
                err(w, f"unknown indicator {ref_code}")
                continue
            deps[code].add(ref_code)
            tdims = target.get("dimensions", [])
            for dim, val in pinned.items():
                if dim not in tdims:
                    err(w, f"{ref_code} has no dimension {dim}")
                    continue
                cl = codelist_of(target, dim)
                if cl == "@AREA":
                    if not (re.fullmatch(r"[A-Z]{3}", val) or val in AREA_GROUPS or val == "_T"):
                        err(w, f"{dim}={val} is not an ISO alpha-3 code or area group")
                elif val not in cl:
                    err(w, f"{dim}={val} not in the codelist of {dim}")
            for dim in free:
                if dim not in tdims:
                    err(w, f"{ref_code} has no dimension {dim}")
                if dim in pinned:
                    err(w, f"{dim} both pinned and aggregated")
            for dim in tdims:
                if dim in pinned or dim in free:
                    continue
                cl = codelist_of(target, dim)
                # Projections store their medium variant (or median) without VARIANT, so an
                # unpinned VARIANT reads the medium; other codelists without _T must be pinned.
                if dim == "VARIANT":
                    continue
                if cl != "@AREA" and "_T" not in cl:
                    err(w, f"{ref_code}: dimension {dim} has no _T, so it must be pinned")
        if code in deps[code]:
            err(w, "refers to itself")

    # cycles
    state = {}

    def visit(c, stack):
        state[c] = 1
        for d in deps.get(c, ()):
            if d == c:
                continue  # reported as "refers to itself"
            if state.get(d) == 1:
                err("formulas", "cycle " + " -> ".join(stack + [c, d]))
            elif d not in state:
                visit(d, stack + [c])
        state[c] = 2

    for c in deps:
        if c not in state:
            visit(c, [])

    # global checks
    if len(indicators) < 130:
        err("indicators", f"only {len(indicators)} indicators (need >= 130)")
    for t, n in per_theme.items():
        if n == 0:
            err("indicators", f"theme {t} has no indicator")
    keys = [c for c, i in indicators.items() if i.get("key")]
    if not 8 <= len(keys) <= 16:
        warn("indicators", f"{len(keys)} key indicators (expected about 12)")
    used_dims = {d for i in indicators.values() for d in i.get("dimensions", [])}
    for d in dims:
        if d not in used_dims:
            warn("dimensions.toml", f"dimension {d} used by no indicator")

    # report
    names = {t.get("code"): t.get("name", {}).get("en", "") for t in themes}
    print("Indicators per theme:")
    for t, n in per_theme.items():
        print(f"  {t} {names.get(t, ''):<60} {n:4d}")
    n_formula = sum(1 for i in indicators.values() if "formula" in i)
    print(f"  {'total':<64} {len(indicators):4d}  ({n_formula} computed, {len(keys)} key)")
    print(f"Codelists: {len(codelists)} ({sum(len(v) for v in codelists.values())} codes); "
          f"dimensions: {len(dims)}; units: {len(unit_ids)}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
    sys.exit(main(root))
