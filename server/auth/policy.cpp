#include "policy.h"

namespace Relais::Server::Policy {

const QList<RouteAccess> &routes()
{
    static const QList<RouteAccess> table = {
        {"GET", QStringLiteral("health"), Access::Public},
        {"POST", QStringLiteral("login"), Access::Public},
        {"POST", QStringLiteral("logout"), Access::Clerk},
        {"GET", QStringLiteral("me"), Access::Clerk},
        {"POST", QStringLiteral("sync/push"), Access::Clerk},
        {"GET", QStringLiteral("sync/pull"), Access::Clerk},
        {"GET", QStringLiteral("sync/snapshot"), Access::Clerk},
        {"GET", QStringLiteral("sync/notify"), Access::Clerk},
        {"GET", QStringLiteral("sync/checksums"), Access::Clerk},
        {"POST", QStringLiteral("numbers/lease"), Access::Clerk},
        {"POST", QStringLiteral("sync/desk-status"), Access::Clerk},
        {"GET", QStringLiteral("admin/desks"), Access::Supervisor},
        {"GET", QStringLiteral("admin/users"), Access::Admin},
        {"POST", QStringLiteral("admin/users"), Access::Admin},
        {"POST", QStringLiteral("admin/users/disable"), Access::Admin},
        {"GET", QStringLiteral("bulk/export"), Access::Supervisor},
        {"POST", QStringLiteral("bulk/import"), Access::Supervisor},
        {"POST", QStringLiteral("admin/backup"), Access::Admin},
        {"GET", QStringLiteral("admin/backups"), Access::Admin},
        {"POST", QStringLiteral("admin/restore"), Access::Admin},
        {"POST", QStringLiteral("admin/reseed"), Access::Admin},
    };
    return table;
}

std::optional<Access> accessOf(const QByteArray &method, const QString &path)
{
    for (const RouteAccess &r : routes())
        if (r.method == method && r.path == path)
            return r.access;
    return std::nullopt;
}

Access accessOf(Capability c)
{
    switch (c) {
    case Capability::OverrideConflict: return Access::Supervisor;
    }
    return Access::Admin;
}

bool allows(Role role, Access access)
{
    switch (access) {
    case Access::Public: return true;
    case Access::Clerk: return true;
    case Access::Supervisor: return role == Role::Supervisor || role == Role::Admin;
    case Access::Admin: return role == Role::Admin;
    }
    return false;
}

} // namespace Relais::Server::Policy
