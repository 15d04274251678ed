"""Generated province-years made ready for the writer: tambon values and sparse flags computed, either
here in turn or, for a large seed, in a child process one step ahead of the writer (the machine's
second core makes households while the first writes them; at most `AHEAD` chunks wait in between, so
memory stays bounded by a few province-years).

The child is forked: it starts at once with everything imported, and the generator's closure needs no
pickling. Seeds run from the command line, the bench and tests, never inside a server process. The
child only makes frames; it never touches the database connection it inherits."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.tambon_indicators import tambon_indicator_values
from data_access.poverty_profiles import PieceAggregates, piece_aggregates

AHEAD = 2
PIECE_HOUSEHOLDS = 200_000


@dataclass(frozen=True)
class ReadyChunk:
    """One province-year as the tables store it."""

    province: str
    year: int
    households: pd.DataFrame
    deprivations: pd.DataFrame  # sparse rows: household_id, indicator_code, deprived (1 or NULL)
    referrals: pd.DataFrame
    verifications: pd.DataFrame
    values: pd.DataFrame  # tambon indicator values
    seconds: tuple[float, float]  # (generate, materialise)
    wide: pd.DataFrame | None = None  # the same flags one column per indicator, row by row with households
    # The piece's poverty aggregates (`poverty_profiles.piece_aggregates`), summed where it is made
    # so the writer only stores them; `wide` is then dropped and never crosses to the writer.
    aggregates: PieceAggregates | None = None


def ready_chunks(
    make_chunks: Callable[[], Iterator], catalogue: pd.DataFrame, ahead: bool
) -> Iterator[ReadyChunk]:
    """The chunks of `make_chunks()` ready to write; `ahead` prepares them in a child process."""
    if not ahead:
        yield from _prepare(make_chunks(), catalogue)
        return
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=AHEAD)
    child = context.Process(target=_produce, args=(make_chunks, catalogue, queue), daemon=True)
    child.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
            child.join()


def _produce(make_chunks, catalogue, queue) -> None:
    try:
        for chunk in _prepare(make_chunks(), catalogue):
            queue.put(chunk)
        queue.put(None)
    except BaseException as failure:  # the writer re-raises it, so the seed's transaction rolls back
        queue.put(failure)


def _prepare(chunks: Iterator, catalogue: pd.DataFrame) -> Iterator[ReadyChunk]:
    chunks = iter(chunks)
    while True:
        t0 = time.perf_counter()
        chunk = next(chunks, None)
        if chunk is None:
            return
        t1 = time.perf_counter()
        values = tambon_indicator_values(
            _with_follow_up(chunk), chunk.deprivations.reset_index(drop=True), catalogue
        )
        sparse = sparse_deprivations(chunk.deprivations, chunk.households["id"])
        ready = ReadyChunk(
            chunk.province,
            chunk.year,
            chunk.households,
            sparse,
            chunk.referrals,
            chunk.verifications,
            values,
            (t1 - t0, time.perf_counter() - t1),
            chunk.deprivations.reset_index(drop=True),
        )
        for piece in pieces(ready):
            summing = time.perf_counter()
            aggregates = piece_aggregates(piece.households, piece.wide)
            seconds = (piece.seconds[0], piece.seconds[1] + time.perf_counter() - summing)
            yield replace(piece, wide=None, aggregates=aggregates, seconds=seconds)


def pieces(chunk: ReadyChunk, size: int | None = None) -> Iterator[ReadyChunk]:
    """A province-year cut into runs of at most `size` households (ids are consecutive), each with its
    own flags, referrals and verifications; the tambon values go with the last. What crosses to the
    writer and what it holds at a time is then bounded however large a province is."""
    size = size or PIECE_HOUSEHOLDS
    ids = chunk.households["id"].to_numpy()
    starts = list(range(0, len(ids), size)) or [0]
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        low = ids[start] if len(ids) else 0
        high = ids[min(start + size, len(ids)) - 1] if len(ids) else 0

        def within(frame: pd.DataFrame, low=low, high=high) -> pd.DataFrame:
            return frame[frame["household_id"].between(low, high)]

        yield ReadyChunk(
            chunk.province,
            chunk.year,
            chunk.households.iloc[start : start + size],
            within(chunk.deprivations),
            within(chunk.referrals),
            within(chunk.verifications),
            chunk.values if last else chunk.values.iloc[:0],
            chunk.seconds if number == 0 else (0.0, 0.0),
            None if chunk.wide is None else chunk.wide.iloc[start : start + size],
        )


def _with_follow_up(chunk) -> pd.DataFrame:
    """Households with the referral and verification flags the tambon values count."""
    households = chunk.households.reset_index(drop=True)
    referrals, verifications = chunk.referrals, chunk.verifications
    resolved = referrals.loc[referrals["status"] == "resolved", "household_id"]
    verified = verifications.loc[verifications["state"] == "verified", "household_id"]
    return households.assign(
        has_referral=households["id"].isin(referrals["household_id"]),
        has_resolved_referral=households["id"].isin(resolved),
        verified=households["id"].isin(verified),
    )


def sparse_deprivations(deprivations: pd.DataFrame, household_ids: pd.Series) -> pd.DataFrame:
    """Wide 0/1/NaN flags -> rows only where deprived (1) or not assessed (NULL), as stored, ordered by
    household and indicator (found in the array, never as a long frame of every flag)."""
    codes = sorted(deprivations.columns)
    flags = deprivations[codes].to_numpy(dtype=float)
    rows, columns = np.nonzero(np.isnan(flags) | (flags == 1))
    return pd.DataFrame(
        {
            "household_id": household_ids.to_numpy()[rows],
            "indicator_code": np.asarray(codes, dtype=object)[columns],
            "deprived": pd.Series(flags[rows, columns]).astype("Int64"),
        }
    )
