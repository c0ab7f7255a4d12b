"""Every threshold and reference figure of the scoring, in one place (see the package docstring)."""

from __future__ import annotations

# Respondent roles, in the order of the role codes in the input (0 = employee, 1 = manager),
# and the slices of every per-unit table: the whole group, then each role.
ROLES: tuple[str, ...] = ("employee", "manager")
SLICES: tuple[str, ...] = ("all", *ROLES)

LIKERT_POINTS = 5

# A scale score needs at least this share of the scale's items answered (rounded up).
MIN_ANSWERED_SHARE = (2, 3)

# Maturity phases, lowest first; a phase number is the index + 1.
PHASES: tuple[str, ...] = ("negeren", "verkennen", "ontwikkelen", "verankeren", "transformeren")
# Lower bounds (on the 1-5 scale, means rounded to 2 decimals) of phases 2..5.
PHASE_LOWER_BOUNDS: tuple[float, ...] = (2.5, 3.0, 3.5, 4.0)
# The phase is at most this many phases above the phase of the weakest component alone.
WEAKEST_COMPONENT_MARGIN = 1
PHASE_DECIMALS = 2

# Change stance (scale score after reverse keying).
PULLER_MIN = 4.0
RESISTER_MAX = 2.5
STANCES: tuple[str, ...] = ("pullers", "riders", "resisters")
STANCE_REFERENCE: tuple[float, float, float] = (0.20, 0.60, 0.20)

# Preconditions of the board approach: mean indicator score of the designated respondents.
PRECONDITION_MET_MIN = 3.75
PRECONDITION_PARTLY_MIN = 3.0

# Leaders vs peers: Green's (1991) rule of thumb for regression, n >= 50 + 8 m predictors.
MIN_N_BASE = 50
MIN_N_PER_PREDICTOR = 8
BOOTSTRAP_REPLICATES = 1000
BOOTSTRAP_SEED = 20241101
CONFIDENCE = 0.95
# Up to this many respondents the bootstrap resamples respondents; above it, respondents are
# spread at random over this many blocks of (nearly) equal size and blocks are resampled.
BOOTSTRAP_MAX_UNITS = 2000

# Example-behaviour answers: "altijd" is 5 and "bijna altijd" 4 after reverse keying.
ALWAYS = 5
ALMOST_ALWAYS = 4

# Culture strength r_wg(J) against a uniform null on 5 points: sigma_EU^2 = (A^2 - 1) / 12 = 2.
UNIFORM_NULL_VARIANCE = (LIKERT_POINTS**2 - 1) / 12
# LeBreton & Senter (2008), table 3: upper bounds of each agreement band.
STRENGTH_BANDS: tuple[tuple[float, str], ...] = (
    (0.30, "lack_of_agreement"),
    (0.50, "weak"),
    (0.70, "moderate"),
    (0.90, "strong"),
    (1.00, "very_strong"),
)

# Sector benchmark: at least this many *other* organisations of the same sector.
MIN_SECTOR_ORGANISATIONS = 5

# Nationale Klantgedrevenheid Monitor (Blauw/CYS) figures, used as reference lines.
MONITOR = {
    "managers_always": 0.50,  # about half of managers say they always show the behaviour
    "managers_almost_always": 0.33,  # another third say almost always
    "organisations_strong_example": 0.20,  # management strongly shows it in 20% of organisations
    "organisations_transforming": 0.09,  # 9% of organisations are in the highest phase
    "government_managers_example": 0.40,  # government: 40% of managers an example to some extent
}
MONITOR_SECTORS_DOING_WELL: tuple[str, ...] = ("retail", "transport", "hospitality")
