"""The matching wizard: rank the volunteers for a case in matching, match one, or close the case when none fits."""

from borapp.ui.wizards.matching.matching_wizard import MatchingWizard

__all__ = ["MatchingWizard"]
