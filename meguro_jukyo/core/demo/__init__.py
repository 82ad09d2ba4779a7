"""Sample data: `meguro-jukyo init --demo [small|ward]`.

Both sizes come from one generator (:mod:`.generator`) that walks a calendar of meetings in
time order, putting text together from hand-written phrase pools about life in 目黒区
(:mod:`.phrases`, data in ``resources/demo_phrases.json``), so it reads like real minutes; the
same seed always gives the same records. ``small`` (the default, :mod:`.small`) writes through
the services, one call per edit as a person would make them; ``ward`` (:mod:`.ward`) builds the
scale of DESIGN.md §6 with bulk inserts in one transaction.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import col

from .. import models as m
from ..errors import UserError
from ..progress import Progress
from ..reference import REFERENCE_DEVICE
from ..services import Services
from .generator import DEMO_TODAY, WARD
from .small import demo_device_id, load_small
from .ward import load_ward

__all__ = ["DEMO_TODAY", "SIZES", "WARD", "demo_device_id", "load_demo"]

SIZES = ("small", "ward")


def load_demo(store, size: str = "small", seed: int = 2022, *, scale: float = 1.0,
              timings: dict[str, float] | None = None,
              progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty store with sample data; return {what: live records} afterwards.

    ``scale`` shrinks the ward size (tests use a hundredth); the CLI always loads it whole.
    ``timings``, if given, receives how long the phases of a ward load took (for bench/).
    Refused, changing nothing, when the store holds anything beyond the 22 councils every
    store starts with.

    The small size reports to ``progress`` (edits replayed, edits in all) as it replays them,
    and stops at a cancel, raising :class:`~..progress.Cancelled`: it is written in one
    transaction, so a load that stops (cancelled, or failing) leaves the store as it was.
    """
    if size not in SIZES:
        raise UserError(f"サンプルデータの大きさは small か ward です: {size}",
                        f"The sample size is small or ward, not {size}.")
    if not scale > 0:
        raise UserError("scale は正の数にしてください。", "scale must be positive.")
    _require_empty(store)
    jukyo = _jukyo(store)
    if size == "small":
        load_small(store, seed, jukyo, progress)
    else:
        load_ward(store, seed, WARD.scaled(scale), jukyo, timings if timings is not None else {})
    return {service.label_ja: service.count() for service in Services(store).all()}


def _require_empty(store) -> None:
    with store.engine.connect() as con:
        for table in m.USER_TABLES:
            t = table.__table__
            query = select(func.count()).select_from(t)
            if table is m.Organization:
                query = query.where(t.c.device_id != REFERENCE_DEVICE)
            if con.execute(query).scalar_one():
                raise UserError(
                    "サンプルデータは、まだ何も記録していないデータにだけ入れられます。"
                    "新しいファイルを --db で指定してください。",
                    "Sample data can only go into a store with no records yet; "
                    "choose a new file with --db.",
                )


def _jukyo(store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as con:
        return [tuple(r) for r in con.execute(
            select(col(m.Jukyo.code), col(m.Jukyo.name), col(m.Jukyo.district_code)).order_by(col(m.Jukyo.ord)))]
