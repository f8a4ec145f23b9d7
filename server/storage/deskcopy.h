#pragma once
// The reader of a desk's full copy as relais-server reseed reads it: NDJSON written by
// `relaisctl desk-copy` (app/relaisctl/cmd_sync.cpp), a header line, one row per line, then an end
// line with the row count (docs/server.md, "Reseed"). A function of its own so that the fuzz target
// fuzz/desk_copy_fuzz.cpp reads exactly what the command reads.

#include "result.h"

#include <QJsonArray>
#include <QString>

#include <functional>

class QIODevice;

namespace Relais::Server {

struct DeskCopyHeader
{
    QString deskId; // lower case UUID
    qint64 deskLastSeq = -1;
};

// Rows handed on, at most chunkRows at a time: their first line in the file, and whether the end
// line has been read (the last call, made once, possibly with no rows).
using DeskCopyChunk = std::function<Status(const QJsonArray &rows, qint64 firstLine, bool final)>;

// Reads the copy from `in` at its start. Every line must be a JSON object; line 1 the header
// ({"format":"relais-desk-copy","version":1,"desk_id":UUID,"desk_last_seq":N}); the end line
// ({"end":true,"rows":N}) must count the rows read. Anything else is an Invalid error whose issue
// names "PATH, line N" (or PATH for a copy without its end line), as the command prints it; an error
// returned by `chunk` stops the reading and is returned as is.
Result<DeskCopyHeader> readDeskCopy(QIODevice &in, const QString &path, int chunkRows,
                                    const DeskCopyChunk &chunk);

} // namespace Relais::Server
