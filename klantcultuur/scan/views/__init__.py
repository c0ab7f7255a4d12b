"""Views of the culture scan, split by topic: overview, questionnaire, waves, answering, reports."""
