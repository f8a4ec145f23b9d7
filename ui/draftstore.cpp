#include "draftstore.h"

namespace Relais::Ui {

DraftStore::DraftStore(const QString &databasePath)
    : m_settings(databasePath + QStringLiteral(".drafts.ini"), QSettings::IniFormat)
{
}

void DraftStore::save(const QString &key, const QVariantMap &values)
{
    m_settings.beginGroup(QStringLiteral("drafts"));
    m_settings.setValue(key, values);
    m_settings.endGroup();
    // Written now, not at exit: the point is to survive a crash.
    m_settings.sync();
}

std::optional<QVariantMap> DraftStore::load(const QString &key) const
{
    m_settings.beginGroup(QStringLiteral("drafts"));
    const QVariant v = m_settings.value(key);
    m_settings.endGroup();
    if (!v.isValid())
        return std::nullopt;
    return v.toMap();
}

void DraftStore::remove(const QString &key)
{
    m_settings.beginGroup(QStringLiteral("drafts"));
    m_settings.remove(key);
    m_settings.endGroup();
    m_settings.sync();
}

QStringList DraftStore::keys() const
{
    m_settings.beginGroup(QStringLiteral("drafts"));
    const QStringList k = m_settings.childKeys();
    m_settings.endGroup();
    return k;
}

} // namespace Relais::Ui
