"""Two worker processes needing a fresh Zalo token at the same moment: one refresh, both served.

A refresh token works once; a second refresh with it would fail and could leave a spent
token stored. The refresh runs under a lock on the account row, so the second process
waits, then uses the token the first one stored."""

import pytest

from xaso.channels.crypto import decrypt
from xaso.channels.tests.workers import environment, finish, manage, read_rows, shared_database_url

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = (
    "from xaso.channels.models import ChannelAccount;"
    "from xaso.channels.zalo.tokens import zalo_access_token;"
    "print('TOKEN=' + zalo_access_token(account=ChannelAccount.objects.get(pk={pk})))"
)


def test_two_processes_refresh_once_and_store_the_new_refresh_token(tmp_path, zalo, zalo_account):
    zalo.delay["POST /v4/oa/access_token"] = 1.5  # the first refresh is still in flight when the second asks
    url = shared_database_url(tmp_path)
    env = environment(database_url=url, XASO_ZALO_OAUTH_URL=zalo.url, XASO_ZALO_API_URL=zalo.url)
    processes = [manage("shell", "-c", SCRIPT.format(pk=zalo_account.pk), env=env) for _ in range(2)]
    outputs = [finish(process) for process in processes]

    tokens = {
        line.removeprefix("TOKEN=") for output in outputs for line in output.splitlines() if line.startswith("TOKEN=")
    }
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1
    assert tokens == zalo.access_tokens
    ((credentials,),) = read_rows(
        url, "SELECT credentials FROM channels_channelaccount WHERE id = ?", (zalo_account.pk,)
    )
    assert decrypt(credentials)["refresh_token"] == zalo.refresh_token
