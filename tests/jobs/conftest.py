from tests.forms.conftest import offer_page  # noqa: F401 - shared fixture
