// libFuzzer target for the desk's readers of the server's answers (models/protocol/messages.h), as
// the sync engine reads them: the body parsed as JSON, then read as the answer it should be. The
// first byte picks the answer (login, push, pull, snapshot page, lease, notify hello, problem,
// checksums). Anything read is written again and reads back the same.

#include "fuzzcheck.h"
#include "messages.h"

#include <QJsonDocument>

using namespace Relais;
using namespace Relais::Protocol;

namespace {
template<typename Answer> void readBack(const QJsonObject &o)
{
    auto answer = Answer::fromJson(o);
    if (!answer) {
        FUZZ_CHECK(!answer.error().code.isEmpty() || !answer.error().message.isEmpty());
        return;
    }
    const QJsonObject written = answer->toJson();
    auto again = Answer::fromJson(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->toJson() == written);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    switch (data[0] % 8) {
    case 0: readBack<LoginAnswer>(o); break;
    case 1: readBack<PushAnswer>(o); break;
    case 2: readBack<PullAnswer>(o); break;
    case 3: readBack<SnapshotPage>(o); break;
    case 4: readBack<LeaseAnswer>(o); break;
    case 5: readBack<NotifyMessage>(o); break;
    case 6: readBack<ProblemAnswer>(o); break;
    default: readBack<ChecksumsAnswer>(o); break;
    }
    return 0;
}
