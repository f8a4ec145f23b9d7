#include "deskcopy.h"

#include "jsonreader.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace Relais::Server {

Result<DeskCopyHeader> readDeskCopy(QIODevice &in, const QString &path, int chunkRows,
                                    const DeskCopyChunk &chunk)
{
    const auto invalid = [](const QString &field, const QString &message) {
        return Error::invalid({Issue{field, QStringLiteral("invalid"), message}});
    };
    DeskCopyHeader header;
    qint64 line = 0;
    qint64 rows = 0;
    QJsonArray pending;
    qint64 firstLineOfChunk = 2;
    while (!in.atEnd()) {
        const QByteArray bytes = in.readLine();
        ++line;
        QJsonParseError e{};
        const QJsonObject o = QJsonDocument::fromJson(bytes, &e).object();
        if (e.error != QJsonParseError::NoError)
            return invalid(QStringLiteral("%1, line %2").arg(path).arg(line),
                           QStringLiteral("not a JSON object"));
        if (line == 1) {
            if (o.value(QStringLiteral("format")).toString() != u"relais-desk-copy"
                || o.value(QStringLiteral("version")).toInt() != 1)
                return invalid(QStringLiteral("%1, line 1").arg(path),
                               QStringLiteral("not a desk copy (relaisctl desk-copy, format 1)"));
            header.deskId = o.value(QStringLiteral("desk_id")).toString().toLower();
            // toInteger: a number beyond qint64 (or with a fraction) is no number here; a cast of
            // the double was undefined behaviour (found by fuzz/desk_copy_fuzz.cpp).
            header.deskLastSeq = o.value(QStringLiteral("desk_last_seq")).toInteger(-1);
            if (!Protocol::isUuid(header.deskId) || header.deskLastSeq < 0)
                return invalid(QStringLiteral("%1, line 1").arg(path),
                               QStringLiteral("no desk id or last number"));
            continue;
        }
        if (o.value(QStringLiteral("end")).toBool()) {
            const qint64 said = o.value(QStringLiteral("rows")).toInteger(-1);
            if (said != rows)
                return invalid(QStringLiteral("%1, line %2").arg(path).arg(line),
                               QStringLiteral("the copy says %1 rows but holds %2")
                                   .arg(said)
                                   .arg(rows));
            if (Status s = chunk(pending, firstLineOfChunk, true); !s)
                return s.error();
            return header;
        }
        ++rows;
        if (pending.isEmpty())
            firstLineOfChunk = line;
        pending.append(o);
        if (pending.size() == chunkRows) {
            if (Status s = chunk(pending, firstLineOfChunk, false); !s)
                return s.error();
            pending = QJsonArray();
        }
    }
    return invalid(path, QStringLiteral("the copy ends early (no end line): it is incomplete"));
}

} // namespace Relais::Server
