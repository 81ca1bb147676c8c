"""Results is an app of its own: the small-group rule is pure Python, apart from the counting in the database."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

import surveys.results.counting
import surveys.results.suppression


def imported_modules(module) -> set[str]:
    """Every module ``module`` imports, at the top or inside a function."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def reads_the_database(name: str) -> bool:
    return name.startswith("django.db") or name.endswith(".models") or ".models." in name


def test_the_suppression_algorithm_reads_no_database():
    assert not {name for name in imported_modules(surveys.results.suppression) if reads_the_database(name)}


def test_the_check_above_can_fail_on_the_counting_module():
    assert {name for name in imported_modules(surveys.results.counting) if reads_the_database(name)}


def test_results_is_an_app_above_surveys():
    config = apps.get_app_config("results")
    assert config.name == "surveys.results"
    assert settings.INSTALLED_APPS.index("surveys.results") > settings.INSTALLED_APPS.index("surveys")
    assert {model.__name__ for model in config.get_models()} == {
        "AnswerRollup",
        "AnswerTotal",
        "RollupWatermark",
        "Indicator",
        "ChildPopulation",
        "SchoolEnrolment",
        "RegionBoundary",
    }
