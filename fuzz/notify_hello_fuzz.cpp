// libFuzzer target for what a client of the notify channel (WS /api/v1/sync/notify,
// server/notify/notifychannel.cpp) sends before it is authenticated: the bytes as its first text
// message (helloToken), as its Authorization header (bearerToken) and as the X-Real-IP header nginx
// sets (clientAddressOf), then the check every token meets before the database
// (Auth::looksLikeToken, Auth::tokenHash). Any bytes give a token or none, never a crash; a token
// is never longer than what carried it, and the address is always one.

#include "fuzzcheck.h"
#include "notifychannel.h"
#include "passwords.h"

#include <QHostAddress>

using namespace Relais::Server;

namespace {

void checkToken(const QByteArray &token)
{
    if (Auth::looksLikeToken(token)) {
        FUZZ_CHECK(token.size() == 43);
        FUZZ_CHECK(Auth::tokenHash(token).size() == 64);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool sodium = Auth::initialize();
    FUZZ_CHECK(sodium);
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const QString message = QString::fromUtf8(bytes);
    const QByteArray token = helloToken(message);
    FUZZ_CHECK(token.size() <= message.size()); // a JSON string never decodes longer than its text
    checkToken(token);

    const auto bearer = bearerToken(bytes);
    FUZZ_CHECK(bearer.has_value() == bytes.startsWith("Bearer "));
    if (bearer) {
        FUZZ_CHECK(bearer->size() <= bytes.size() - 7);
        checkToken(*bearer);
    }

    // Behind nginx (a loopback peer) X-Real-IP is believed when it is an address; from anywhere else
    // it is never read.
    const QString behindNginx = clientAddressOf(QHostAddress(QHostAddress::LocalHost), bytes);
    FUZZ_CHECK(!QHostAddress(behindNginx).isNull());
    FUZZ_CHECK(clientAddressOf(QHostAddress(QStringLiteral("192.0.2.7")), bytes) == u"192.0.2.7");
    return 0;
}
