"""An article's public page: its metadata, and the passages published records cite, in context."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from sources.models import Article
from website.selectors import get_article_page


def article_detail(request, id):
    """A public article (see `ArticleQuerySet.public`); any other is not found, as if it were not stored."""
    article = get_object_or_404(Article.objects.public(), pk=id)
    return render(request, "articles/detail.html", {"page": get_article_page(article=article), "article": article})


app_name = "articles"

urlpatterns = [
    path("<int:id>/", article_detail, name="detail"),
]
