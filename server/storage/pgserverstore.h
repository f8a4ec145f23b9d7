#pragma once
// The scale-out engine: several relais-server processes on one PostgreSQL. A push locks the
// single global_seq row first (SELECT ... FOR UPDATE) and holds it to COMMIT, so numbers are handed
// out in commit order and a pull "after N" never skips a change that commits late. Reads run in
// REPEATABLE READ so that the rows and the head of one page come from one snapshot.

#include "sqlserverstore.h"

namespace Relais::Server {

class PgServerStore final : public SqlServerStore
{
public:
    // url: postgresql://USER@HOST:PORT/DB
    static Result<std::unique_ptr<ServerStore>> open(const QString &url);
    QString engine() const override { return QStringLiteral("postgresql"); }
    // The server's notification channel across processes (LISTEN/NOTIFY); see notifier.
    QSqlDatabase &connection() { return db(); }

protected:
    Status afterOpen() override;
    QString beginWriteSql() const override { return QStringLiteral("BEGIN"); }
    QString lockGlobalSequenceSql() const override
    {
        return QStringLiteral("SELECT value FROM global_seq WHERE id = 1 FOR UPDATE");
    }
    QString jsonObjectFunction() const override { return QStringLiteral("json_build_object"); }
    // Any fixed number will do, as long as only relais-server uses it on this database.
    QString schemaLockSql() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(727165697)");
    }
    QString beginReadSql() const override
    {
        return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }
    // The database's collation (en_US.UTF-8, say) may sort '-' after digits; "C" is byte order.
    QString idByteOrderSql() const override { return QStringLiteral("id COLLATE \"C\""); }

private:
    using SqlServerStore::SqlServerStore;
};

} // namespace Relais::Server
