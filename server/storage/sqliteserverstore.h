#pragma once
// The embedded engine: one SQLite file, WAL, synchronous=FULL (a committed push survives power
// loss). BEGIN IMMEDIATE takes the file's write lock, which is the global-sequence lock here.

#include "sqlserverstore.h"

namespace Relais::Server {

class SqliteServerStore final : public SqlServerStore
{
public:
    static Result<std::unique_ptr<ServerStore>> open(const QString &path);
    QString engine() const override { return QStringLiteral("sqlite"); }

protected:
    Status afterOpen() override;
    QString beginWriteSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString lockGlobalSequenceSql() const override
    {
        return QStringLiteral("SELECT value FROM global_seq WHERE id = 1");
    }
    QString beginReadSql() const override { return QStringLiteral("BEGIN"); }
    QString integerType() const override { return QStringLiteral("INTEGER"); }
    QString jsonObjectFunction() const override { return QStringLiteral("json_object"); }

private:
    using SqlServerStore::SqlServerStore;
};

} // namespace Relais::Server
