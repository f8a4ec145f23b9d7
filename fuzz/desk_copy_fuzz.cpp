// libFuzzer target for the desk-copy reader of relais-server reseed (server/storage/deskcopy.h):
// the bytes are a copy as `relaisctl desk-copy` writes it (NDJSON), read by readDeskCopy in chunks
// of 3 rows (5,000 in the command), each chunk through readImportRows as the command's first pass
// checks it. Any bytes give the copy's header or an Invalid error naming where, never a crash; a
// copy read whole handed its rows on in full chunks, in line order, then in one final call.

#include "apiserver.h"
#include "deskcopy.h"
#include "fuzzcheck.h"
#include "jsonreader.h"

#include <QBuffer>

using namespace Relais;
using namespace Relais::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer in(&bytes);
    FUZZ_CHECK(in.open(QIODevice::ReadOnly));
    int finals = 0;
    qint64 lastFirstLine = 1;
    const auto read = readDeskCopy(
        in, QStringLiteral("copy.ndjson"), 3,
        [&](const QJsonArray &chunk, qint64 firstLine, bool final) -> Status {
            FUZZ_CHECK(finals == 0);
            FUZZ_CHECK(chunk.size() <= 3);
            FUZZ_CHECK(final || chunk.size() == 3);
            FUZZ_CHECK(firstLine > lastFirstLine || (final && chunk.isEmpty()));
            lastFirstLine = chunk.isEmpty() ? lastFirstLine : firstLine;
            finals += final ? 1 : 0;
            Issues issues;
            const QList<ImportRow> imported = readImportRows(chunk, QStringLiteral("rows"),
                                                             int(firstLine), &issues);
            if (!issues.isEmpty())
                return Error::invalid(issues);
            FUZZ_CHECK(imported.size() == chunk.size());
            return Ok{};
        });
    if (!read) {
        FUZZ_CHECK(read.error().kind == ErrorKind::Invalid);
        FUZZ_CHECK(!read.error().issues.isEmpty());
        return 0;
    }
    FUZZ_CHECK(finals == 1);
    FUZZ_CHECK(Protocol::isUuid(read->deskId));
    FUZZ_CHECK(read->deskLastSeq >= 0);
    return 0;
}
