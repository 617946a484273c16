"""Reader of the toolkit's tables (docs/formats/table.md), for the figure scripts and for anyone.

Runs with Debian's /usr/bin/python3 (numpy only; pandas optional). Every figure script reads
results through this module and nothing else, so a format change is caught in one place. Usable
outside the workflow: copy this one file, or put paper/ on sys.path.

    from tls_tables import read
    t = read("split.tsv", "splitting", 1)     # format and major version checked
    t["splitting"], t.text("id"), t.meta["glass"]
    df = t.frame()                            # a pandas DataFrame (needs pandas)

Identifiers (`id`, `pair`, `glass`, `flag`, ...) stay strings: "2.1" is pair 2's first segment,
not the number 2.1. `t[col]` is for numeric columns and refuses identifier columns.
"""
import numpy as np


class Table:
    """One `#%tls-<format> <major>.<minor>` table: format, version, metadata, named columns."""

    def __init__(self, path):
        self.path = str(path)
        self.meta = {}
        self.meta_all = []
        with open(self.path) as f:
            first = f.readline().rstrip("\n")
            if not first.startswith("#%"):
                raise ValueError(f"{self.path}: not a toolkit table")
            name, version = first[2:].split()
            self.format = name
            self.major, self.minor = (int(v) for v in version.split("."))
            rows = []
            self.columns = None
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("##"):
                    key, _, value = line[2:].partition("=")
                    self.meta.setdefault(key, value)
                    self.meta_all.append((key, value))
                elif line.startswith("#"):
                    if self.columns is None:
                        self.columns = [c.strip() for c in line[1:].split("\t")]
                elif line:
                    rows.append(line.split("\t"))
        if self.columns is None:
            raise ValueError(f"{self.path}: no column header")
        self.rows = rows

    def expect(self, name, major):
        if self.format != "tls-" + name or self.major != major:
            raise ValueError(f"{self.path}: expected tls-{name} {major}.x, got {self.format} {self.major}.{self.minor}")
        return self

    def __len__(self):
        return len(self.rows)

    def text(self, column):
        k = self.columns.index(column)
        return [r[k] for r in self.rows]

    def __getitem__(self, column):
        """A column as a float array (non-numeric cells become nan); identifiers: use text()."""
        if column in IDENTIFIERS:
            raise KeyError(f"{self.path}: column '{column}' holds identifiers: use .text('{column}')")
        k = self.columns.index(column)
        out = np.empty(len(self.rows))
        for i, r in enumerate(self.rows):
            try:
                out[i] = float(r[k])
            except ValueError:
                out[i] = np.nan
        return out

    def has(self, column):
        return column in self.columns

    def frame(self):
        """The rows as a pandas DataFrame: identifier and text columns as str, the others float."""
        import pandas as pd

        data = {}
        for c in self.columns:
            values = self.text(c)
            if c not in IDENTIFIERS:
                try:
                    values = [float(v) for v in values]
                except ValueError:
                    pass
            data[c] = values
        return pd.DataFrame(data, columns=self.columns)


# Columns that name things; never read as numbers.
IDENTIFIERS = {"id", "pair", "glass", "flag", "status", "chain", "reason", "material", "precision"}


def read(path, name=None, major=None):
    t = Table(path)
    if name is not None:
        t.expect(name, major)
    return t
