#pragma once
// Unsaved form contents, written to disk as the clerk types (a second after the last keystroke at
// most), so that a crash or a power cut loses nothing: the record either saved or its draft is
// offered again. One INI file beside the desk database, one group per record ("new" for a record
// not yet saved).

#include <QSettings>
#include <QVariantMap>

namespace Relais::Ui {

class DraftStore final
{
public:
    explicit DraftStore(const QString &databasePath);

    void save(const QString &key, const QVariantMap &values);
    std::optional<QVariantMap> load(const QString &key) const;
    void remove(const QString &key);
    QStringList keys() const;
    QString fileName() const { return m_settings.fileName(); }

    static QString newRecordKey() { return QStringLiteral("new"); }

private:
    mutable QSettings m_settings;
};

} // namespace Relais::Ui
