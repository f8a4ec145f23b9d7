// libFuzzer target for the server's reader of a push body (POST /api/v1/sync/push): the bytes go
// through parseObject() and parsePushRequest() exactly as ApiServer::push reads them. Any bytes
// give a request or a clean error with its issues; a request read is written again and reads back
// the same.

#include "fuzzcheck.h"
#include "jsonreader.h"
#include "protocol.h"

#include <QJsonDocument>

using namespace Relais;
using namespace Relais::Protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto object = parseObject(body);
    if (!object) {
        FUZZ_CHECK(!object.error().code.isEmpty());
        return 0;
    }
    auto request = parsePushRequest(*object);
    if (!request) {
        FUZZ_CHECK(!request.error().issues.isEmpty() || !request.error().message.isEmpty());
        return 0;
    }
    const QJsonObject written = request->toJson();
    auto again = parsePushRequest(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->toJson() == written);
    return 0;
}
