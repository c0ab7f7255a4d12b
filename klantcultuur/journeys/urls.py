from django.urls import path

from klantcultuur.journeys.views import business, journeys, reviews

urlpatterns = [
    path("", journeys.home, name="journeys-home"),
    path("business-case/", business.business_case, name="journeys-business"),
    path("<uuid:code>/", journeys.journey, name="journeys-journey"),
    path("<uuid:code>/steps/add/", journeys.step_add, name="journeys-step-add"),
    path("<uuid:code>/reviews/plan/", reviews.review_plan, name="journeys-review-plan"),
    path("steps/<uuid:code>/", journeys.step, name="journeys-step"),
    path("steps/<uuid:code>/remove/", journeys.step_remove, name="journeys-step-remove"),
    path("reviews/<uuid:code>/", reviews.review, name="journeys-review"),
    path("reviews/<uuid:code>/print/", reviews.review_print, name="journeys-review-print"),
    path("reviews/<uuid:code>/export.csv", reviews.review_export, name="journeys-review-export"),
]
