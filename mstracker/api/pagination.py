from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (up to 500) for scripts that fetch in bulk."""

    page_size_query_param = "page_size"
    max_page_size = 500
