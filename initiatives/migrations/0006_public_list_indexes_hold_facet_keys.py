"""The public list's sort indexes also hold the facet keys (INCLUDE, PostgreSQL): a page of a filtered list
finds its keys in the index alone, then reads only its rows (website.listing.paging.keyset_page's `load`)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0005_facet_counts'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='initiative',
            name='initiative_public_name',
        ),
        migrations.RemoveIndex(
            model_name='initiative',
            name='initiative_public_recent',
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(condition=models.Q(('editorial_status', 'published')), fields=['name', 'id'], include=('facet_keys',), name='initiative_public_name'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(condition=models.Q(('editorial_status', 'published')), fields=['-published_at', '-id'], include=('facet_keys',), name='initiative_public_recent'),
        ),
    ]
