#include "syncdialogs.h"

#include "formats.h"
#include "outboxview.h"
#include "store.h"
#include "syncservice.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {

QString shown(const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty())
        return QObject::tr("(empty)");
    return v.toString();
}

QString localTime(const QString &isoUtc)
{
    const QDateTime t = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    return t.isValid() ? shortDateTime(t.toLocalTime(), QLocale()) : isoUtc;
}

QString outcomeLabel(const QString &outcome)
{
    if (outcome == u"ok")
        return SyncPanel::tr("complete");
    if (outcome == u"attention")
        return SyncPanel::tr("needs attention");
    if (outcome == u"offline")
        return SyncPanel::tr("server unreachable");
    if (outcome == u"login")
        return SyncPanel::tr("login needed");
    if (outcome == u"cancelled")
        return SyncPanel::tr("stopped");
    return SyncPanel::tr("failed");
}

// An ISO date of an operation's fields as the clerk's locale writes it.
QString dateText(const QVariant &v)
{
    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
    return d.isValid() ? shortDate(d, QLocale()) : v.toString();
}

QString stateLabel(const QString &state)
{
    if (state == u"pending")
        return SyncPanel::tr("queued");
    if (state == u"acked")
        return SyncPanel::tr("sent");
    if (state == u"conflict")
        return SyncPanel::tr("conflict");
    if (state == u"rejected")
        return SyncPanel::tr("refused by the server");
    if (state == u"withdrawn")
        return SyncPanel::tr("withdrawn");
    return state;
}

} // namespace

QString operationLabel(const QString &operation, const QVariantMap &fields)
{
    const QString verb = operation.section(u'.', 1);
    const QString entity = operation.section(u'.', 0, 0);
    if (verb == u"resolve")
        return SyncPanel::tr("Conflict settled");
    if (entity == u"subscriber")
        return verb == u"create" ? SyncPanel::tr("New subscriber")
                                 : SyncPanel::tr("Subscriber changed");
    if (entity == u"subscription") {
        if (verb == u"create")
            return SyncPanel::tr("New subscription");
        if (verb == u"renew")
            return SyncPanel::tr("Renewal to %1")
                .arg(dateText(fields.value(QStringLiteral("end_date"))));
        if (verb == u"cancel")
            return SyncPanel::tr("Cancellation from %1")
                .arg(dateText(fields.value(QStringLiteral("cancel_date"))));
        if (verb == u"restart")
            return SyncPanel::tr("Restart");
        if (verb == u"extend")
            return SyncPanel::tr("End of term moved to %1")
                .arg(dateText(fields.value(QStringLiteral("end_date"))));
        return SyncPanel::tr("Subscription changed");
    }
    if (entity == u"delivery_change" || entity == u"hold" || entity == u"holiday_address") {
        const bool hold = entity == u"hold"
                          || fields.value(QStringLiteral("kind")).toString() == u"hold";
        if (verb == u"create")
            return (hold ? SyncPanel::tr("Hold %1 – %2") : SyncPanel::tr("Holiday address %1 – %2"))
                .arg(dateText(fields.value(QStringLiteral("from_date"))),
                     dateText(fields.value(QStringLiteral("to_date"))));
        if (verb == u"delete" || fields.value(QStringLiteral("deleted")).toInt() == 1)
            return hold ? SyncPanel::tr("Hold removed") : SyncPanel::tr("Holiday address removed");
        return hold ? SyncPanel::tr("Hold dates changed")
                    : SyncPanel::tr("Holiday address dates changed");
    }
    if (entity == u"complaint")
        return SyncPanel::tr("Complaint");
    if (entity == u"publication")
        return SyncPanel::tr("Title");
    if (entity == u"offer")
        return SyncPanel::tr("Offer");
    return operation;
}

QString columnLabel(const QString &column)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("civility"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Civility")},
        {QStringLiteral("first_name"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "First name")},
        {QStringLiteral("last_name"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Last name")},
        {QStringLiteral("company"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Company")},
        // The same words as the subscriber form's labels.
        {QStringLiteral("line2"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Line 2 (apartment, floor, c/o)")},
        {QStringLiteral("line3"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Line 3 (building, residence)")},
        {QStringLiteral("line4"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Line 4 (number and street)")},
        {QStringLiteral("line5"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Line 5 (lieu-dit, BP)")},
        {QStringLiteral("postal_code"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Postal code")},
        {QStringLiteral("city"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Town")},
        {QStringLiteral("country"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Country")},
        {QStringLiteral("insee_code"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "INSEE code")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "E-mail")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Phone")},
        {QStringLiteral("notes"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Notes")},
        {QStringLiteral("end_date"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "End date")},
        {QStringLiteral("cancel_date"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Cancellation date")},
        {QStringLiteral("cancel_reason"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Cancellation reason")},
        {QStringLiteral("from_date"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "From")},
        {QStringLiteral("to_date"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "To")},
        {QStringLiteral("copies"), QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Copies")},
        {QStringLiteral("auto_renew"),
         QT_TRANSLATE_NOOP("Relais::Ui::SyncPanel", "Automatic renewal")},
    };
    const auto it = labels.constFind(column);
    return it == labels.constEnd() ? column : SyncPanel::tr(*it);
}

// ---- login -------------------------------------------------------------------------------------

LoginDialog::LoginDialog(Sync::Service *sync, const QString &server, const QString &user,
                         QWidget *parent)
    : QDialog(parent), m_sync(sync)
{
    setWindowTitle(tr("Log in to the server"));
    setObjectName(QStringLiteral("login_dialog"));
    auto *form = new QFormLayout;
    m_server = new QLineEdit(server, this);
    m_server->setObjectName(QStringLiteral("login_server"));
    m_server->setPlaceholderText(QStringLiteral("https://relais.example.fr"));
    m_user = new QLineEdit(user, this);
    m_user->setObjectName(QStringLiteral("login_user"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("login_password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("login_message"));
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log &in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::tryLogin);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("The password is sent to the server once; only the session it opens "
                      "is kept on this computer."),
                   this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(m_sync, &Sync::Service::loginFinished, this,
            [this, buttons](bool ok, const QString &message) {
                buttons->setEnabled(true);
                if (ok) {
                    accept();
                    return;
                }
                m_message->setText(message);
                m_password->selectAll();
                m_password->setFocus();
            });
    (server.isEmpty() ? m_server : user.isEmpty() ? m_user : m_password)->setFocus();
}

QString LoginDialog::server() const
{
    return m_server->text().trimmed();
}

void LoginDialog::tryLogin()
{
    const QUrl url(server());
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
        || url.host().isEmpty()) {
        m_message->setText(
            tr("The server address starts with https:// (for example https://relais.example.fr)."));
        m_server->setFocus();
        return;
    }
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_message->setText(tr("Type your user name and password."));
        (m_user->text().trimmed().isEmpty() ? m_user : m_password)->setFocus();
        return;
    }
    m_message->setText(tr("Logging in…"));
    if (url != m_sync->server() || m_user->text().trimmed() != m_sync->user())
        m_sync->start(url, m_user->text().trimmed());
    m_sync->login(m_user->text().trimmed(), m_password->text());
    m_password->clear();
}

// ---- conflicts ---------------------------------------------------------------------------------

ConflictDialog::ConflictDialog(Sync::Service *sync, Store &store, const QString &entityId,
                               const QString &clerk, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_clerk(clerk),
      m_conflicts(Outbox(store.db()).openConflicts(entityId))
{
    setWindowTitle(tr("Settle a conflict"));
    setObjectName(QStringLiteral("conflict_dialog"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Someone else changed these fields on the server after you began your "
                      "change. Choose, field by field, the value to keep; your choice is sent "
                      "to the server."),
                   this));
    m_table = new QTableWidget(int(m_conflicts.size()), 5, this);
    m_table->setObjectName(QStringLiteral("conflict_table"));
    m_table->setHorizontalHeaderLabels(
        {tr("Field"), tr("Before"), tr("Mine"), tr("Now on the server"), tr("Keep")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int r = 0; r < m_conflicts.size(); ++r) {
        const OpenConflict &c = m_conflicts.at(r);
        const QStringList cells = {columnLabel(c.field), shown(c.base), shown(c.mine),
                                   shown(c.server)};
        for (int col = 0; col < cells.size(); ++col)
            m_table->setItem(r, col, new QTableWidgetItem(cells.at(col)));
        auto *keep = new QComboBox(m_table);
        keep->addItem(tr("Mine"), true);
        keep->addItem(tr("The server's"), false);
        // Nothing is chosen for the clerk: the server's value is the safer default to read first,
        // but the choice is explicit either way when OK is pressed.
        keep->setCurrentIndex(1);
        m_table->setCellWidget(r, 4, keep);
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Keep these values"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConflictDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 320);
    if (m_table->rowCount() > 0)
        m_table->cellWidget(0, 4)->setFocus();
}

void ConflictDialog::setKeepMine(int row, bool mine)
{
    if (auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(row, 4)))
        box->setCurrentIndex(mine ? 0 : 1);
}

void ConflictDialog::apply()
{
    for (int r = 0; r < m_conflicts.size(); ++r) {
        const auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(r, 4));
        m_sync->resolveConflict(m_conflicts.at(r).id, box && box->currentData().toBool(), m_clerk);
    }
    accept();
}

// ---- the panel ---------------------------------------------------------------------------------

SyncPanel::SyncPanel(Sync::Service *sync, Store &store, const QString &clerk, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_clerk(clerk)
{
    setWindowTitle(tr("Sync"));
    setObjectName(QStringLiteral("sync_panel"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget(this);
    auto tree = [this](const QStringList &headers, const char *name) {
        auto *t = new QTreeWidget(this);
        t->setObjectName(QLatin1StringView(name));
        t->setRootIsDecorated(false);
        t->setHeaderLabels(headers);
        t->setUniformRowHeights(true);
        t->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
        return t;
    };
    m_queue = tree({tr("Change"), tr("Subscriber"), tr("Clerk"), tr("Time"), tr("State")},
                   "sync_queue");
    m_attention = tree({tr("What"), tr("Subscriber"), tr("Detail"), tr("Time")}, "sync_attention");
    m_journal = tree({tr("Time"), tr("Outcome"), tr("Sent"), tr("Applied"), tr("Conflicts"),
                      tr("Refused"), tr("Received"), tr("Server change"), tr("Duration"),
                      tr("Message")},
                     "sync_journal");
    m_tabs->addTab(m_queue, tr("&Queue"));
    m_tabs->addTab(m_attention, tr("&Needs attention"));
    m_tabs->addTab(m_journal, tr("&Journal"));
    layout->addWidget(m_tabs);
    connect(m_attention, &QTreeWidget::itemActivated, this, [this] { settleCurrent(); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *now = buttons->addButton(tr("&Sync now"), QDialogButtonBox::ActionRole);
    now->setObjectName(QStringLiteral("sync_now"));
    now->setShortcut(QKeySequence(Qt::Key_F5));
    connect(now, &QPushButton::clicked, m_sync, &Sync::Service::syncNow);
    QPushButton *stop = buttons->addButton(tr("S&top"), QDialogButtonBox::ActionRole);
    stop->setObjectName(QStringLiteral("sync_stop"));
    stop->setToolTip(
        tr("Stops the sync at the next page; the first copy goes on from there next time."));
    connect(stop, &QPushButton::clicked, m_sync, &Sync::Service::cancel);
    QPushButton *settle = buttons->addButton(tr("S&ettle…"), QDialogButtonBox::ActionRole);
    connect(settle, &QPushButton::clicked, this, &SyncPanel::settleCurrent);
    QPushButton *login = buttons->addButton(tr("&Log in…"), QDialogButtonBox::ActionRole);
    connect(login, &QPushButton::clicked, this, &SyncPanel::loginRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // The engine reports every page of a first copy: read the lists again at most twice a second.
    auto *later = new QTimer(this);
    later->setSingleShot(true);
    later->setInterval(500);
    connect(later, &QTimer::timeout, this, &SyncPanel::reload);
    connect(m_sync, &Sync::Service::statusChanged, later, [later] {
        if (!later->isActive())
            later->start();
    });
    connect(m_sync, &Sync::Service::settled, this, [this](bool ok, const QString &message) {
        if (!ok)
            QMessageBox::warning(this, windowTitle(), message);
        reload();
    });
    resize(900, 480);
    reload();
}

void SyncPanel::reload()
{
    const Sync::Overview o = m_sync->overview();
    QStringList summary{tr("Changes waiting to be sent: %n.", nullptr, int(o.pending)),
                        tr("Conflicts to settle: %n.", nullptr, int(o.conflicts)),
                        tr("Refused changes to review: %n.", nullptr, int(o.rejected))};
    if (!o.message.isEmpty())
        summary << o.message;
    if (!m_sync->server().isEmpty())
        summary << m_sync->credentials()->whereText();
    m_summary->setText(summary.join(u' '));

    // At most the first 1,000 queued changes: after weeks offline the count above says the rest.
    m_queue->clear();
    for (const QueueLine &l : queueLines(m_store.db(), 1000)) {
        auto *item = new QTreeWidgetItem(m_queue,
                                         {operationLabel(l.operation, l.fields),
                                          l.subscriberNumber > 0 ? tr("%1 — %2")
                                                                       .arg(l.subscriberNumber)
                                                                       .arg(l.subscriberName)
                                                                 : QString(),
                                          l.clerk, localTime(l.at), stateLabel(l.state)});
        item->setData(0, Qt::UserRole, l.seq);
        if (!l.reason.isEmpty())
            item->setToolTip(4, l.reason);
    }

    m_attention->clear();
    Outbox outbox(m_store.db());
    QSet<QString> seen;
    for (const OpenConflict &c : outbox.openConflicts()) {
        if (seen.contains(c.entityId))
            continue; // one line per record: its dialog shows every field
        seen.insert(c.entityId);
        auto *item = new QTreeWidgetItem(m_attention, {tr("Conflict"), QString(),
                                                       tr("%1: mine \"%2\", the server's \"%3\"")
                                                           .arg(columnLabel(c.field), shown(c.mine),
                                                                shown(c.server)),
                                                       localTime(c.detectedAt)});
        item->setData(0, Qt::UserRole, c.entityId);
        item->setData(1, Qt::UserRole, QStringLiteral("conflict"));
    }
    for (const QueueLine &l : queueLines(m_store.db(), 1000)) {
        if (l.state != u"rejected")
            continue;
        auto *item = new QTreeWidgetItem(
            m_attention, {tr("Refused: %1").arg(operationLabel(l.operation, l.fields)),
                          l.subscriberNumber > 0 ? QString::number(l.subscriberNumber) : QString(),
                          l.reason, localTime(l.at)});
        item->setData(0, Qt::UserRole, l.seq);
        item->setData(1, Qt::UserRole, QStringLiteral("rejected"));
    }

    m_journal->clear();
    for (const JournalLine &j : journalLines(m_store.db(), 200))
        new QTreeWidgetItem(m_journal, {localTime(j.startedAt), outcomeLabel(j.outcome),
                                        QString::number(j.pushed), QString::number(j.applied),
                                        QString::number(j.conflicts), QString::number(j.rejected),
                                        QString::number(j.pulled), QString::number(j.serverSeq),
                                        tr("%1 ms").arg(j.durationMs), j.message});
}

void SyncPanel::showAttention()
{
    m_tabs->setCurrentWidget(m_attention);
    m_attention->setFocus();
    if (!m_attention->currentItem() && m_attention->topLevelItemCount() > 0)
        m_attention->setCurrentItem(m_attention->topLevelItem(0));
}

void SyncPanel::settleCurrent()
{
    QTreeWidgetItem *item = m_attention->currentItem();
    if (!item) {
        m_tabs->setCurrentWidget(m_attention);
        m_attention->setFocus();
        return;
    }
    if (item->data(1, Qt::UserRole).toString() == u"conflict") {
        ConflictDialog d(m_sync, m_store, item->data(0, Qt::UserRole).toString(), m_clerk, this);
        d.exec();
        return;
    }
    const qint64 seq = item->data(0, Qt::UserRole).toLongLong();
    if (QMessageBox::question(
            this, tr("Withdraw a refused change"),
            tr("The server refused this change:\n\n%1\n\nWithdraw it? The desk takes back "
               "what the server holds. To make the change anyway, correct it in the record "
               "and save again.")
                .arg(item->text(2)))
        == QMessageBox::Yes)
        m_sync->withdrawRejected(seq, m_clerk);
}

} // namespace Relais::Ui
