#pragma once
// What the engine's source files share (syncengine.cpp, syncsteps.cpp); not a public header.

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace Relais::Sync {

// A number kept as text in meta (cursor, block bounds); 0 when absent.
inline qint64 toNumber(const QString &s)
{
    return s.toLongLong();
}

} // namespace Relais::Sync
