#pragma once
// What inbound.cpp and inboundsnapshot.cpp share; not part of Inbound's interface.

#include "result.h"

#include <QSqlDatabase>
#include <QString>

namespace Relais::InboundDetail {

// Inside the caller's transaction, when there is one.
Status setMeta(QSqlDatabase &db, const QString &key, const QString &value);
QString metaText(QSqlDatabase &db, const QString &key);

} // namespace Relais::InboundDetail
