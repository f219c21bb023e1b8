"""Column operations done in Arrow's compute kernels, for the large tables.

pandas' own ``isin``, ``map`` and string fallbacks turn a million-row column into
Python objects; these helpers hand the work to pyarrow instead, which hashes and
scans in C++, and give back numpy arrays or pandas Series aligned with the input.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# The days pandas can hold in nanoseconds; a date outside them (a typo such as 3013) is no date here.
EARLIEST, LATEST = dt.date(1677, 9, 22), dt.date(2262, 4, 11)


def arrow(column: pd.Series) -> pa.ChunkedArray | pa.Array:
    """The column as Arrow data: zero-copy for Arrow-backed columns."""
    values = column.array
    native = getattr(values, "_pa_array", None)
    if native is not None:
        return native
    return pa.array(column.to_numpy(dtype=object, na_value=None), from_pandas=True)


def fullmatch(column: pd.Series, pattern: str) -> pd.Series:
    """Whether each cell matches ``pattern`` whole, run by Arrow's RE2 (pandas falls back to
    Python's re, cell by cell, for patterns such as \\s); missing cells give False."""
    if column.empty:
        return pd.Series(False, index=column.index)
    matched = pc.match_substring_regex(arrow(column), f"^(?:{pattern})$")
    return pd.Series(boolean(matched), index=column.index)


def search(column: pd.Series, pattern: str) -> np.ndarray:
    """Whether ``pattern`` (RE2) matches somewhere in each cell; missing cells give False."""
    if column.empty:
        return np.zeros(0, dtype=bool)
    return boolean(pc.match_substring_regex(arrow(column), pattern))


def starts_with_any(column: pd.Series, characters: str) -> np.ndarray:
    """Whether each cell begins with one of ``characters``: only the first character of
    each cell is read; missing cells give False."""
    if column.empty:
        return np.zeros(0, dtype=bool)
    first = pc.utf8_slice_codeunits(arrow(column), 0, 1)
    return boolean(pc.is_in(first, value_set=pa.array(list(characters), pa.string())))


def boolean(result: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An Arrow boolean result as numpy, missing as False."""
    return pc.fill_null(result, False).to_numpy(zero_copy_only=False)


def isin(column: pd.Series, values: pd.Series) -> np.ndarray:
    """``column.isin(values)``, hashed in Arrow: fast for a large set of values."""
    if column.empty:
        return np.zeros(0, dtype=bool)
    keys = pc.unique(_combined(arrow(values.dropna())))
    return boolean(pc.is_in(arrow(column), value_set=keys))


def positions(column: pd.Series, keys: pd.Series) -> np.ndarray:
    """For each cell of ``column``, the position of the first equal key; -1 where none.

    When the column holds far fewer distinct values than there are keys (settled_by
    names a few claims among a million), the few values are hashed and the keys
    probed against them, instead of hashing every key."""
    if column.empty:
        return np.zeros(0, dtype=np.int64)
    values, key_data = arrow(column), _combined(arrow(keys))
    distinct = pc.unique(
        pc.drop_null(values) if isinstance(values, pa.Array) else pc.drop_null(values).combine_chunks()
    )
    if not len(distinct):
        return np.full(len(column), -1, dtype=np.int64)
    if 4 * len(distinct) >= len(key_data):
        found = pc.index_in(values, value_set=key_data)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    hit = pc.fill_null(pc.index_in(key_data, value_set=distinct), -1).to_numpy(zero_copy_only=False).astype(np.int64)
    rows = np.flatnonzero(hit >= 0)
    first_row = np.full(len(distinct), -1, dtype=np.int64)
    first_row[hit[rows][::-1]] = rows[::-1]  # written last to first: the first row of each value stays
    which = pc.fill_null(pc.index_in(values, value_set=distinct), -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return np.where(which >= 0, first_row[np.maximum(which, 0)], -1)


def lookup(column: pd.Series, keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` of the row whose key equals each cell of ``column`` (the first such row);
    missing where there is none. Like ``column.map(values.set_axis(keys))``, in Arrow."""
    return take(values, positions(column, keys), column.index)


def take(values: pd.Series, where: np.ndarray, index: pd.Index) -> pd.Series:
    """``values`` at the positions ``where``; missing where a position is -1."""
    found = where >= 0
    if not len(values):
        return pd.Series(pd.NA, index=index, dtype="object")
    picked = values.iloc[np.where(found, where, 0)].reset_index(drop=True)
    if not found.all():
        picked = picked.where(pd.Series(found), other=None)
    picked.index = index
    return picked


def joined(columns: list[pd.Series], separator: str) -> pd.Series:
    """The columns' cells joined row by row; missing where any cell is missing."""
    parts = [pc.cast(arrow(column), pa.large_string()) for column in columns]
    result = pc.binary_join_element_wise(*parts, pa.scalar(separator, type=pa.large_string()))
    return pd.Series(pd.arrays.ArrowStringArray(result), index=columns[0].index)


def blank_as_missing(column: pd.Series, missing: np.ndarray) -> pd.Series:
    """The column with the cells ``missing`` marks set to missing, sharing the column's
    text buffers: a new validity bitmap per chunk, no copy of a million strings."""
    if not missing.any():
        return column
    data = arrow(column)
    chunks, offset = [], 0
    for chunk in data.chunks if isinstance(data, pa.ChunkedArray) else [data]:
        keep = ~missing[offset : offset + len(chunk)]
        if chunk.null_count:
            keep &= boolean(pc.is_valid(chunk))
        offset += len(chunk)
        # The bitmap is read from the chunk's own offset, as its other buffers are.
        bits = np.concatenate([np.zeros(chunk.offset, dtype=bool), keep])
        validity = pa.py_buffer(np.packbits(bits, bitorder="little"))
        buffers = chunk.buffers()
        chunks.append(pa.Array.from_buffers(chunk.type, len(chunk), [validity, *buffers[1:]], offset=chunk.offset))
    result = pa.chunked_array(chunks, type=data.type)
    return pd.Series(pd.array(result, dtype=column.dtype), index=column.index)


def on_a_cycle(following: np.ndarray) -> np.ndarray:
    """Which rows lie on a cycle of ``following`` (the row each row points to; -1: none).

    Rows that can never reach a row with no successor lead into a cycle; of those, the
    ones no such row points to are peeled off until only the cycles are left."""
    size = len(following)
    reach = following.copy()
    for _ in range(max(1, int(np.ceil(np.log2(size + 1)))) + 1):
        reach = np.where(reach >= 0, reach[np.maximum(reach, 0)], -1)
    doomed = reach >= 0
    while True:
        pointed = np.bincount(following[doomed & (following >= 0)], minlength=size) > 0
        tail = doomed & ~pointed
        if not tail.any():
            return doomed
        doomed &= ~tail


def _combined(data: pa.ChunkedArray | pa.Array) -> pa.Array:
    return data.combine_chunks() if isinstance(data, pa.ChunkedArray) else data


def dates(column: pd.Series) -> pd.Series:
    """YYYY-MM-DD text as datetime64[ns]; anything else, or out of pandas' range, is NaT."""
    if column.empty:
        return pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    text = arrow(column.astype("str") if column.dtype == object else column)
    if pa.types.is_dictionary(text.type):
        text = text.cast(pa.string())
    shaped = pc.match_substring_regex(text, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    parsed = pc.strptime(pc.if_else(shaped, text, None), format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls February 30 over into March: only a date whose day survives is real.
    given_day = pc.cast(pc.utf8_slice_codeunits(pc.if_else(shaped, text, "0000-00-00"), 8, 10), pa.int64())
    real = pc.equal(pc.day(parsed), given_day)
    parsed = pc.if_else(pc.fill_null(real, False), parsed, None)
    stamps = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    inside = (stamps >= np.datetime64(EARLIEST, "s")) & (stamps <= np.datetime64(LATEST, "s"))
    stamps = np.where(inside, stamps, np.datetime64("NaT"))
    return pd.Series(stamps.astype("datetime64[ns]"), index=column.index)


def integers(column: pd.Series, valid: np.ndarray) -> pd.Series:
    """Text that ``valid`` says holds whole numbers, as nullable Int64."""
    # Arrow reads "-15" but not "+15", which Table Schema allows: drop the plus.
    text = pc.replace_substring_regex(arrow(column), r"^\+", "")
    cast = pc.cast(pc.if_else(pa.array(valid), text, None), pa.int64())
    values = pc.fill_null(cast, 0).to_numpy(zero_copy_only=False)
    mask = boolean(pc.is_null(cast))
    return pd.Series(pd.arrays.IntegerArray(values.astype(np.int64), mask), index=column.index)
