#pragma once
// Numbered, forward-only schema steps. A fresh database runs the same path from 0; each step runs in
// its own transaction together with the PRAGMA user_version that records it.

#include "result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Relais::Migrations {

// The schema version this program writes.
int currentVersion();
// The statements of step `version` (1-based): what turns version-1 into version.
QStringList step(int version);
// Brings `db` to `target` (default: current). Refuses a database newer than the program.
Status migrate(QSqlDatabase &db, int target = -1);
int versionOf(QSqlDatabase &db);
// Adds the subscribers whose seq is above the bound value to the search index, in one statement
// (for bulk imports that deferred it: see step 5), but not those a first copy indexes at its end
// (step 10).
QString indexSubscribersAfterSql();

} // namespace Relais::Migrations
