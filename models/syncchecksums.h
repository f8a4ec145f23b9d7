#pragma once
// The desk's side of the checksums that prove desk and server agree (models/protocol/checksum.h):
// the same tables, columns and canonical digest as GET /api/v1/sync/checksums, over the desk's
// SQLite copy. Equal digests, table by table, mean equal data; compare them once the desk has
// pushed everything and pulled up to the head the server answered with.

#include "checksum.h"
#include "result.h"

#include <QList>
#include <QSqlDatabase>

namespace Relais {

using Protocol::TableSum;

// Reads each compared table in one read transaction (one snapshot), rows by id, tombstones included.
Result<QList<TableSum>> deskChecksums(QSqlDatabase &db);

} // namespace Relais
