from wagtail import hooks

from jobs.views import job_offer_viewset


@hooks.register("register_admin_viewset")
def register_job_offer_viewset():
    return job_offer_viewset
