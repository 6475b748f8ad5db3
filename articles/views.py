"""An article's page: its metadata and its text, with the mentions editors accepted marked and linked."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article
from website.selectors import get_article_page


def article_detail(request, id):
    """One source article (public evidence), its text always escaped: it comes from outside."""
    article = get_object_or_404(Article, pk=id)
    return render(request, "articles/detail.html", {"page": get_article_page(article=article), "article": article})
