#pragma once
// The clerk's side of sync: the login dialog (the password goes to the engine once, never to
// disk), the sync panel (the queue in business words, what needs a clerk, the journal of rounds),
// and the conflict dialog (before / mine / now on the server, a choice per field; each choice is
// settled through the engine, "keep mine" as a new operation).

#include "outbox.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTabWidget;
class QTreeWidget;

namespace Relais {
class Store;
namespace Sync {
class Service;
}
} // namespace Relais

namespace Relais::Ui {

class LoginDialog final : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(Sync::Service *sync, const QString &server, const QString &user,
                QWidget *parent = nullptr);
    QString server() const;

private:
    void tryLogin();

    Sync::Service *m_sync;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_message;
};

class ConflictDialog final : public QDialog
{
    Q_OBJECT
public:
    ConflictDialog(Sync::Service *sync, Store &store, const QString &entityId, const QString &clerk,
                   QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    // The choice of row `row`: true keeps this desk's value.
    void setKeepMine(int row, bool mine);

private:
    void apply();

    Sync::Service *m_sync;
    QString m_clerk;
    QList<OpenConflict> m_conflicts;
    QTableWidget *m_table;
};

class SyncPanel final : public QDialog
{
    Q_OBJECT
public:
    SyncPanel(Sync::Service *sync, Store &store, const QString &clerk, QWidget *parent = nullptr);
    void reload();
    void showAttention();
    QTreeWidget *queue() const { return m_queue; }
    QTreeWidget *attention() const { return m_attention; }
    QTreeWidget *journal() const { return m_journal; }

Q_SIGNALS:
    void loginRequested();

private:
    void settleCurrent();

    Sync::Service *m_sync;
    Store &m_store;
    QString m_clerk;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTreeWidget *m_queue;
    QTreeWidget *m_attention;
    QTreeWidget *m_journal;
};

// "Renewal", "New subscriber", ... for an outbox operation.
QString operationLabel(const QString &operation, const QVariantMap &fields);
// "Last name", "Postal code", ... for a synced column.
QString columnLabel(const QString &column);

} // namespace Relais::Ui
