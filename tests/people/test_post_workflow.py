import datetime

import pytest
from django.core.exceptions import ValidationError

from editorial.workflow import save_record
from tests.factories import MembershipFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_saving_a_post_keeps_memberships_copy_of_sole_holder_in_step():
    post = PostFactory(is_sole_holder=False)
    first = MembershipFactory(post=post, end_date=None)
    second = MembershipFactory(post=post, end_date=datetime.date(2024, 1, 1))
    post.is_sole_holder = True

    save_record(record=post, by=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_sole_holder, second.is_sole_holder) == (True, True)


def test_saving_a_post_refuses_sole_holder_while_two_people_hold_it():
    post = PostFactory(is_sole_holder=False)
    MembershipFactory.create_batch(2, post=post, end_date=None)
    post.is_sole_holder = True

    with pytest.raises(ValidationError, match="More than one person holds this post"):
        save_record(record=post, by=None)

    post.refresh_from_db()
    assert post.is_sole_holder is False
