#pragma once
// Helpers shared by the test suites: temporary desk databases and small fixtures.

#include <QString>

namespace Relais::Test {

// The path of a new, not yet existing database file inside a folder removed at exit.
QString freshDatabasePath(const QString &name = QStringLiteral("desk.sqlite"));

} // namespace Relais::Test
