from __future__ import annotations

from klantcultuur.vision.tests.helpers import behaviour, published


def vision_with_behaviour(world):
    version = published(world)
    behaviour(world, version)
    return version
