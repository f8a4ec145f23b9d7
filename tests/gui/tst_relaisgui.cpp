// The clerk's window driven through real widgets, offscreen: keyboard-only creation, validation
// messages that block saving, subscriptions, holds (overlap refused), search after save, the
// timeline, leaving a modified record, drafts that survive a crash.

#include "appsettings.h"
#include "canceldialog.h"
#include "chartwidget.h"
#include "complaintdialog.h"
#include "datefield.h"
#include "deliverychangedialog.h"
#include "deskqueries.h"
#include "deskstatus.h"
#include "draftstore.h"
#include "exportdialog.h"
#include "guifixtures.h"
#include "mainwindow.h"
#include "overviewdialog.h"
#include "recordmodels.h"
#include "recordview.h"
#include "searchpane.h"
#include "settingsdialog.h"
#include "storeworker.h"
#include "subscriberform.h"
#include "subscriberlistmodel.h"
#include "subscriptiondialog.h"
#include "subscriptionspanel.h"
#include "testsupport.h"
#include "timelinepanel.h"
#include "worklistmodel.h"
#include "worklistsdialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace Relais;
using namespace Relais::Test;
using namespace Relais::Ui;

namespace {

// The whole suite runs on a clerk's screen (1366x768; RELAIS_TEST_SCREEN=1280x720 for the second
// ctest run), not on the offscreen platform's 800x600.
const QSize kScreen = useClerkScreen();

// What a line edit does on Linux (X11 key bindings: Ctrl+E "end of line", Ctrl+D "delete", Ctrl+H
// "backspace", Ctrl+K "delete to the end"): it claims those keys before the window's shortcuts.
// The offscreen platform has Windows bindings, so the test gives its fields the Linux ones.
class LinuxEditKeys final : public QObject
{
public:
    using QObject::QObject;
    int claimed = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            auto *key = static_cast<QKeyEvent *>(event);
            if (key->modifiers() == Qt::ControlModifier
                && (key->key() == Qt::Key_E || key->key() == Qt::Key_D || key->key() == Qt::Key_H
                    || key->key() == Qt::Key_K)) {
                ++claimed;
                event->accept();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

// QTest::keyClicks asserts on characters outside ASCII; send those as text events.
void type(QWidget *w, const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClicks(w, QString(c));
        else
            QTest::sendKeyEvent(QTest::Click, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

QWidget *focused()
{
    return QApplication::focusWidget();
}

void tab()
{
    QTest::keyClick(focused(), Qt::Key_Tab);
}

// The text part of a dialog's date field.
QLineEdit *dateText(QWidget *dialog, const QString &name)
{
    auto *f = dialog->findChild<DateField *>(name);
    return f ? f->lineEdit() : nullptr;
}

// A date typed in a field as a clerk does: go to it, type the whole date.
void typeDate(QWidget *dialog, const QString &name, const QString &text)
{
    QLineEdit *e = dateText(dialog, name);
    QVERIFY2(e, qPrintable(name));
    QVERIFY(QTest::qWaitForWindowActive(dialog->window()));
    QTRY_COMPARE(QApplication::activeWindow(), dialog->window());
    e->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), e);
    QTest::keyClick(e, Qt::Key_A, Qt::ControlModifier); // the field may have had the cursor already
    QTest::keyClicks(e, text);
}

QString dmy(QDate d)
{
    return d.toString(QStringLiteral("dd/MM/yyyy"));
}

template<typename T> T *findDialog(QWidget *window)
{
    const QList<T *> all = window->findChildren<T *>();
    for (T *d : all)
        if (d->isVisible())
            return d;
    return nullptr;
}

} // namespace

class TestRelaisGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createSubscriberWithTheKeyboardOnly();
    void longLineAndWrongTownBlockSaving();
    void line6AsPrinted();
    void escapeDropsChanges();
    void subscriptionHoldAndOverlap();
    void cancelRenewRestartAndComplaint();
    void giftPaidBySomeoneElse();
    void anotherRecordSelectsItsSubscription();
    void timelineShowsTheChange();
    void leavingAModifiedRecordAsks();
    void draftSurvivesACrash();
    void savingSendsOnlyWhatTheClerkChanged_data();
    void savingSendsOnlyWhatTheClerkChanged();
    void inseeCodeFollowsTheAddress_data();
    void inseeCodeFollowsTheAddress();
    void worklistsOverviewAndStatus();
    void worklistsFitTheirTable();
    void titleNamesRelaisOnce();
    void subscriptionsKeepEveryColumnInSight_data();
    void subscriptionsKeepEveryColumnInSight();
    void windowStaysOnTheScreen_data();
    void windowStaysOnTheScreen();
    void windowShortcutsFromEveryField_data();
    void windowShortcutsFromEveryField();
    void menusShowEveryDocumentedShortcut();
    void datesTypedInEveryDialog_data();
    void datesTypedInEveryDialog();

private:
    void openWindow();
    QLineEdit *field(const QString &name) const;
    qint64 seqOf(const Subscriber &s) const;

    QString m_path;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<StoreWorker> m_worker;
    std::unique_ptr<DraftStore> m_drafts;
    std::unique_ptr<MainWindow> m_window;
    Catalogue m_catalogue;
};

void TestRelaisGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RelaisTest"));
}

void TestRelaisGui::init()
{
    m_path = freshDatabasePath();
    auto s = Store::open(m_path);
    QVERIFY(s.ok());
    m_store = std::make_unique<Store>(std::move(s).value());
    m_catalogue = addCatalogue(*m_store);
    m_worker = std::make_unique<StoreWorker>(m_path);
    m_drafts = std::make_unique<DraftStore>(m_path);
}

void TestRelaisGui::cleanup()
{
    m_window.reset();
    m_worker.reset();
    m_drafts.reset();
    m_store.reset();
}

void TestRelaisGui::openWindow()
{
    m_window = std::make_unique<MainWindow>(
        DeskContext{m_store.get(), m_worker.get(), m_drafts.get()});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY(m_window->searchPane()->model()->isReady());
}

QLineEdit *TestRelaisGui::field(const QString &name) const
{
    return qobject_cast<QLineEdit *>(m_window->record()->form()->fieldWidget(name));
}

qint64 TestRelaisGui::seqOf(const Subscriber &s) const
{
    return *DeskQueries(m_store->db()).seqOfId(s.meta.id);
}

void TestRelaisGui::createSubscriberWithTheKeyboardOnly()
{
    openWindow();
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QVERIFY(m_window->record()->isNew());
    QCOMPARE(focused(), field(QStringLiteral("first_name")));
    type(focused(), QStringLiteral("Anaïs"));
    tab();
    QCOMPARE(focused(), field(QStringLiteral("last_name")));
    type(focused(), QStringLiteral("Lefèvre"));
    tab(); // company
    tab(); // line 2
    tab(); // line 3
    tab(); // line 4
    QCOMPARE(focused(), field(QStringLiteral("line4")));
    type(focused(), QStringLiteral("12 RUE DES LILAS"));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("line4_counter"))->text(),
             QStringLiteral("16/38"));
    tab(); // line 5
    tab();
    QCOMPARE(focused(), field(QStringLiteral("postal_code")));
    type(focused(), QStringLiteral("35000"));
    // One commune for this code: the town comes by itself.
    QCOMPARE(field(QStringLiteral("city"))->text(), QStringLiteral("Rennes"));
    tab();
    QCOMPARE(focused(), field(QStringLiteral("city")));
    QVERIFY(m_window->record()->isModified());
    QTest::keyClick(focused(), Qt::Key_Return); // Enter saves

    QTRY_VERIFY(!m_window->record()->isNew());
    const Subscriber saved = m_window->record()->stored();
    QCOMPARE(saved.lastName, QStringLiteral("Lefèvre"));
    QCOMPARE(saved.firstName, QStringLiteral("Anaïs"));
    QVERIFY(m_store->subscriberByNumber(saved.number));
    QVERIFY(!m_window->record()->isModified());
    QVERIFY(!m_drafts->load(DraftStore::newRecordKey()));

    // The list shows it at once (search by its number), and typing the name finds it too.
    SubscriberListModel *model = m_window->searchPane()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(focused(), m_window->searchPane()->searchField());
    type(focused(), QStringLiteral("lefev"));
    QTRY_COMPARE(model->searchText(), QStringLiteral("lefev"));
    QTRY_VERIFY(model->isReady() && model->rowCount() == 1);
    model->data(model->index(0, 0));
    QTRY_VERIFY(model->isLoaded(0));
    QCOMPARE(model->index(0, SubscriberListModel::NameColumn).data().toString(),
             QStringLiteral("Lefèvre Anaïs"));
    // Down then Enter opens it.
    QTest::keyClick(focused(), Qt::Key_Down);
    QCOMPARE(focused(), m_window->searchPane()->view());
    QTest::keyClick(focused(), Qt::Key_Return);
    QCOMPARE(m_window->record()->stored().meta.id, saved.meta.id);
}

void TestRelaisGui::longLineAndWrongTownBlockSaving()
{
    openWindow();
    m_window->newSubscriber();
    type(field(QStringLiteral("last_name")), QStringLiteral("Martin"));
    const QString line39 = QStringLiteral("123 AVENUE DU GENERAL LECLERC PROLONGEE"); // 39
    QCOMPARE(line39.size(), 39);
    type(field(QStringLiteral("line4")), line39);
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("line4_counter"))->text(),
             QStringLiteral("39/38"));
    SubscriberForm *form = m_window->record()->form();
    QVERIFY2(form->messageFor(QStringLiteral("line4")).contains(QStringLiteral("39")),
             qPrintable(form->messageFor(QStringLiteral("line4"))));
    type(field(QStringLiteral("postal_code")), QStringLiteral("35000"));
    field(QStringLiteral("city"))->clear();
    type(field(QStringLiteral("city")), QStringLiteral("Nantes"));
    QVERIFY2(form->messageFor(QStringLiteral("city")).contains(QStringLiteral("35000")),
             qPrintable(form->messageFor(QStringLiteral("city"))));

    QVERIFY(!m_window->record()->save());
    QTest::keyClick(field(QStringLiteral("city")), Qt::Key_Return);
    QVERIFY(m_window->record()->isNew());
    QVERIFY(!m_store->subscriberByNumber(1));

    // Correcting both lets it save.
    field(QStringLiteral("line4"))->clear();
    type(field(QStringLiteral("line4")), QStringLiteral("123 AV DU GENERAL LECLERC"));
    QVERIFY(form->messageFor(QStringLiteral("line4")).isEmpty());
    field(QStringLiteral("city"))->clear();
    type(field(QStringLiteral("city")), QStringLiteral("Rennes"));
    QVERIFY(form->messageFor(QStringLiteral("city")).isEmpty());
    QVERIFY(m_window->record()->save());
    QVERIFY(m_store->subscriberByNumber(1));
}

void TestRelaisGui::line6AsPrinted()
{
    // A postal code of several towns: the towns are offered under the town field, on their own;
    // line 6 shows only the line the label prints, in its routing form.
    openWindow();
    m_window->newSubscriber();
    type(field(QStringLiteral("last_name")), QStringLiteral("Martin"));
    type(field(QStringLiteral("line4")), QStringLiteral("3 RUE DU BALLON"));
    type(field(QStringLiteral("postal_code")), QStringLiteral("90200"));
    auto *hint = m_window->record()->form()->findChild<QLabel *>(QStringLiteral("town_hint"));
    auto *line6 = m_window->record()->form()->findChild<QLabel *>(QStringLiteral("line6_preview"));
    QVERIFY(hint && line6);
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("Auxelles-Bas"))
                 && hint->text().contains(QStringLiteral("Giromagny")),
             qPrintable(hint->text()));
    QCOMPARE(field(QStringLiteral("city"))->text(), QString()); // eight towns: the clerk chooses
    type(field(QStringLiteral("city")), QStringLiteral("Auxelles-Bas"));
    QCOMPARE(line6->text(), QStringLiteral("90200 AUXELLES BAS"));
    QVERIFY(!line6->text().contains(QStringLiteral("Giromagny"), Qt::CaseInsensitive));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("line6_counter"))->text(),
             QStringLiteral("18/38"));
}

void TestRelaisGui::escapeDropsChanges()
{
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    QCOMPARE(m_window->record()->stored().meta.id, s.meta.id);
    field(QStringLiteral("first_name"))->setFocus();
    type(field(QStringLiteral("first_name")), QStringLiteral("-Pierre"));
    QVERIFY(m_window->record()->isModified());
    QVERIFY(m_drafts->load(s.meta.id));
    QTest::keyClick(field(QStringLiteral("first_name")), Qt::Key_Escape);
    QVERIFY(!m_window->record()->isModified());
    QCOMPARE(field(QStringLiteral("first_name"))->text(), QStringLiteral("Jean"));
    QVERIFY(!m_drafts->load(s.meta.id));
}

void TestRelaisGui::subscriptionHoldAndOverlap()
{
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    SubscriptionsPanel *panel = m_window->record()->subscriptions();
    panel->newAction()->trigger();
    SubscriptionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = findDialog<SubscriptionDialog>(m_window.get())));
    auto *copies = dialog->findChild<QSpinBox *>(QStringLiteral("copies"));
    copies->setValue(2);
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("summary"))->text().isEmpty());
    QTest::keyClick(dialog, Qt::Key_Return);
    QTRY_COMPARE(panel->subscriptionView()->model()->rowCount(), 1);
    const QList<Subscription> subs = m_store->subscriptionsOf(s.meta.id);
    QCOMPARE(subs.size(), 1);
    QCOMPARE(subs.first().copies, 2);
    // The start defaults to the first issue a change made now can reach.
    QCOMPARE(subs.first().start,
             m_catalogue.daily.firstIssueReachedBy(QDateTime::currentDateTime()));

    // A hold, then one that overlaps it: refused with the store's reason, the dialog stays open.
    // The dates are typed as a clerk types them: the whole date, Tab to the next field.
    const QDate from = subs.first().start.addDays(14);
    panel->holdAction()->trigger();
    DeliveryChangeDialog *hold = nullptr;
    QTRY_VERIFY((hold = findDialog<DeliveryChangeDialog>(m_window.get())));
    QVERIFY(QTest::qWaitForWindowActive(hold));
    QVERIFY(hold->findChild<QLabel *>(QStringLiteral("first_issue"))
                ->text()
                .contains(Labels::date(
                    m_catalogue.daily.firstIssueReachedBy(QDateTime::currentDateTime()))));
    QTRY_COMPARE(focused(), dateText(hold, QStringLiteral("from")));
    type(focused(), dmy(from));
    tab();
    QCOMPARE(focused(), dateText(hold, QStringLiteral("to")));
    type(focused(), from.addDays(6).toString(QStringLiteral("d/M/yy")));
    tab();
    QCOMPARE(focused(), hold->findChild<QComboBox *>(QStringLiteral("compensation")));
    QCOMPARE(hold->findChild<DateField *>(QStringLiteral("to"))->text(), dmy(from.addDays(6)));
    QTest::keyClick(focused(), Qt::Key_Return);
    QTRY_COMPARE(panel->changeView()->model()->rowCount(), 1);
    QTRY_VERIFY(!findDialog<DeliveryChangeDialog>(m_window.get()));
    QCOMPARE(m_store->deliveryChangesOf(subs.first().meta.id).first().from, from);
    QCOMPARE(m_store->deliveryChangesOf(subs.first().meta.id).first().to, from.addDays(6));

    panel->holdAction()->trigger();
    QTRY_VERIFY((hold = findDialog<DeliveryChangeDialog>(m_window.get())));
    typeDate(hold, QStringLiteral("from"), from.addDays(3).toString(QStringLiteral("ddMMyyyy")));
    typeDate(hold, QStringLiteral("to"), from.addDays(10).toString(Qt::ISODate));
    const int fieldHeight = dateText(hold, QStringLiteral("from"))->height();
    QTest::keyClick(focused(), Qt::Key_Return);
    auto *error = hold->findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(hold->isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("overlap")), qPrintable(error->text()));
    // The other hold's dates as a clerk reads them.
    QVERIFY2(error->text().contains(dmy(from)) && error->text().contains(dmy(from.addDays(6))),
             qPrintable(error->text()));
    QVERIFY2(!error->text().contains(from.toString(Qt::ISODate)), qPrintable(error->text()));
    // The dialog grows for the message: its fields keep their height.
    QTRY_VERIFY(hold->height() >= hold->layout()->totalHeightForWidth(hold->width()) - 1
                || !hold->layout()->hasHeightForWidth());
    QCOMPARE(dateText(hold, QStringLiteral("from"))->height(), fieldHeight);
    QVERIFY(dateText(hold, QStringLiteral("to"))->height()
            >= dateText(hold, QStringLiteral("to"))->minimumSizeHint().height());
    QVERIFY(error->height() >= error->heightForWidth(error->width()) - 1);
    QCOMPARE(m_store->deliveryChangesOf(subs.first().meta.id).size(), 1);

    // A date that is not one is named and kept, never replaced by another.
    typeDate(hold, QStringLiteral("to"), QStringLiteral("14/12/0000"));
    QTest::keyClick(focused(), Qt::Key_Return);
    QVERIFY(hold->isVisible());
    QCOMPARE(hold->findChild<DateField *>(QStringLiteral("to"))->text(),
             QStringLiteral("14/12/0000"));
    QVERIFY(!hold->findChild<DateField *>(QStringLiteral("to"))->errorText().isEmpty());
    QCOMPARE(focused(), dateText(hold, QStringLiteral("to")));
    QTest::keyClick(hold, Qt::Key_Escape);
    QTRY_VERIFY(!findDialog<DeliveryChangeDialog>(m_window.get()));

    // A holiday address elsewhere, not overlapping, in the record's address fields.
    panel->holidayAction()->trigger();
    DeliveryChangeDialog *holiday = nullptr;
    QTRY_VERIFY((holiday = findDialog<DeliveryChangeDialog>(m_window.get())));
    typeDate(holiday, QStringLiteral("from"), dmy(from.addDays(20)));
    tab();
    type(focused(), dmy(from.addDays(30)));
    tab();
    QCOMPARE(focused(), holiday->findChild<QLineEdit *>(QStringLiteral("line2")));
    tab();
    tab();
    QCOMPARE(focused(), holiday->findChild<QLineEdit *>(QStringLiteral("line4")));
    // Full width: a line of 38 characters shows whole, as in the record's form.
    {
        auto *line4 = holiday->findChild<QLineEdit *>(QStringLiteral("line4"));
        const QString longest = QStringLiteral("123 AVENUE DU GENERAL LECLERC PROLONGE");
        QCOMPARE(longest.size(), 38);
        QVERIFY2(line4->fontMetrics().horizontalAdvance(longest) < line4->width() - 8,
                 qPrintable(QString::number(line4->width())));
    }
    type(focused(), QStringLiteral("3 PLACE DU COMMERCE ET DE LA GRANDE HALLE")); // 41 characters
    QCOMPARE(holiday->findChild<QLabel *>(QStringLiteral("line4_counter"))->text(),
             QStringLiteral("41/38"));
    QVERIFY(holiday->findChild<QLabel *>(QStringLiteral("line4_message"))->isVisible());
    holiday->findChild<QLineEdit *>(QStringLiteral("line4"))->clear();
    type(focused(), QStringLiteral("3 PLACE DU COMMERCE"));
    QCOMPARE(holiday->findChild<QLabel *>(QStringLiteral("line4_counter"))->text(),
             QStringLiteral("19/38"));
    QVERIFY(holiday->findChild<QLabel *>(QStringLiteral("line4_message"))->isHidden());
    tab();
    tab();
    QCOMPARE(focused(), holiday->findChild<QLineEdit *>(QStringLiteral("postal_code")));
    type(focused(), QStringLiteral("44000"));
    // One town for this code: it comes by itself, and line 6 shows as printed.
    QCOMPARE(holiday->findChild<QLineEdit *>(QStringLiteral("city"))->text(),
             QStringLiteral("Nantes"));
    QCOMPARE(holiday->findChild<QLabel *>(QStringLiteral("line6_preview"))->text(),
             QStringLiteral("44000 NANTES"));
    QTest::keyClick(focused(), Qt::Key_Return);
    QTRY_COMPARE(panel->changeView()->model()->rowCount(), 2);

    // The reader comes back early: the first hold's dates change, from the keyboard.
    QVERIFY(!panel->changeDatesAction()->isEnabled());
    panel->changeView()->setFocus();
    panel->changeView()->setCurrentIndex(panel->changeView()->model()->index(0, 0));
    QTRY_VERIFY(panel->changeDatesAction()->isEnabled());
    const DeliveryChange first = *panel->selectedChange();
    QCOMPARE(first.kind, DeliveryChangeKind::Hold);
    panel->changeDatesAction()->trigger();
    DeliveryChangeDialog *edit = nullptr;
    QTRY_VERIFY((edit = findDialog<DeliveryChangeDialog>(m_window.get())));
    QCOMPARE(edit->findChild<DateField *>(QStringLiteral("from"))->date(), from);
    typeDate(edit, QStringLiteral("to"), from.addDays(2).toString(QStringLiteral("d/M/yyyy")));
    QTest::keyClick(focused(), Qt::Key_Return);
    QTRY_VERIFY(!findDialog<DeliveryChangeDialog>(m_window.get()));
    QCOMPARE(m_store->deliveryChangeById(first.meta.id)->to, from.addDays(2));

    // And the hold is removed after a confirmation; No leaves it.
    panel->changeView()->setCurrentIndex(panel->changeView()->model()->index(0, 0));
    QTRY_VERIFY(panel->removeChangeAction()->isEnabled());
    panel->removeChangeAction()->trigger();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = m_window->findChild<QMessageBox *>(QStringLiteral("confirm_remove_change"))));
    confirm->button(QMessageBox::No)->click();
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirm_remove_change")));
    QCOMPARE(m_store->deliveryChangesOf(subs.first().meta.id).size(), 2);
    panel->changeView()->setCurrentIndex(panel->changeView()->model()->index(0, 0));
    panel->removeChangeAction()->trigger();
    QTRY_VERIFY(
        (confirm = m_window->findChild<QMessageBox *>(QStringLiteral("confirm_remove_change"))));
    confirm->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(panel->changeView()->model()->rowCount(), 1);
    QCOMPARE(m_store->deliveryChangesOf(subs.first().meta.id).size(), 1);
    QCOMPARE(m_store->outbox().last().operation, QStringLiteral("hold.delete"));
}

void TestRelaisGui::cancelRenewRestartAndComplaint()
{
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    const Subscription sub = addSubscription(*m_store, s, m_catalogue.yearly,
                                             QDate::currentDate().addDays(-30));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    SubscriptionsPanel *panel = m_window->record()->subscriptions();
    QTRY_COMPARE(panel->subscriptionView()->model()->rowCount(), 1);

    panel->renewAction()->trigger();
    QCOMPARE(m_store->subscriptionById(sub.meta.id)->end,
             sub.end.addDays(1).addMonths(12).addDays(-1));

    panel->cancelAction()->trigger();
    CancelDialog *cancel = nullptr;
    QTRY_VERIFY((cancel = findDialog<CancelDialog>(m_window.get())));
    QVERIFY(QTest::qWaitForWindowActive(cancel));
    // Nothing chosen for the clerk: neither when nor why.
    for (const char *name : {"when_now", "when_end", "when_date"})
        QVERIFY2(!cancel->findChild<QRadioButton *>(QString::fromLatin1(name))->isChecked(), name);
    auto *error = cancel->findChild<QLabel *>(QStringLiteral("error"));
    QTRY_VERIFY(cancel->isAncestorOf(focused()));
    QTest::keyClick(focused(), Qt::Key_Return);
    QVERIFY(cancel->isVisible());
    QVERIFY(error->isVisible());
    QVERIFY(!m_store->subscriptionById(sub.meta.id)->cancelDate.isValid());
    // "Now", chosen with the keyboard: that message goes.
    QCOMPARE(focused(), cancel->findChild<QRadioButton *>(QStringLiteral("when_now")));
    QTest::keyClick(focused(), Qt::Key_Space);
    QVERIFY(cancel->findChild<QRadioButton *>(QStringLiteral("when_now"))->isChecked());
    QVERIFY(error->isHidden());
    // No reason: refused, the dialog stays; choosing one takes the message away.
    QTest::keyClick(focused(), Qt::Key_Return);
    QVERIFY(cancel->isVisible());
    QVERIFY(error->isVisible());
    auto *reason = cancel->findChild<QComboBox *>(QStringLiteral("reason"));
    reason->setFocus(Qt::TabFocusReason);
    QTest::keyClick(focused(), Qt::Key_Down); // Moving away
    QTest::keyClick(focused(), Qt::Key_Down); // Price
    QCOMPARE(reason->currentText(), QStringLiteral("Price"));
    QVERIFY(error->isHidden());
    QTest::keyClick(focused(), Qt::Key_Return);
    QTRY_VERIFY(m_store->subscriptionById(sub.meta.id)->cancelDate.isValid());
    // Stored as a code, shown in the interface's language.
    QCOMPARE(m_store->subscriptionById(sub.meta.id)->cancelReason, QStringLiteral("price"));
    QCOMPARE(Labels::cancelReason(QStringLiteral("price")), QStringLiteral("Price"));
    QTRY_VERIFY(!findDialog<CancelDialog>(m_window.get()));
    // The end column holds a date (the last day delivered), the status says it is cancelled.
    const Subscription cancelled = *m_store->subscriptionById(sub.meta.id);
    QAbstractItemModel *subsModel = panel->subscriptionView()->model();
    QTRY_COMPARE(subsModel->index(0, SubscriptionTableModel::EndColumn).data().toString(),
                 dmy(cancelled.cancelDate.addDays(-1)));
    QVERIFY2(subsModel->index(0, SubscriptionTableModel::StatusColumn)
                 .data()
                 .toString()
                 .contains(dmy(cancelled.cancelDate)),
             qPrintable(
                 subsModel->index(0, SubscriptionTableModel::StatusColumn).data().toString()));
    QTRY_VERIFY(panel->restartAction()->isEnabled());

    panel->restartAction()->trigger();
    QVERIFY(!m_store->subscriptionById(sub.meta.id)->cancelDate.isValid());

    const QDate endBefore = m_store->subscriptionById(sub.meta.id)->end;
    // In French, as a clerk reads it: "1 numéro", "2 numéros" (it said "1 numéros").
    QTranslator french;
    QVERIFY(french.load(QStringLiteral(RELAIS_FR_QM)));
    QVERIFY(QCoreApplication::installTranslator(&french));
    const auto untranslate = qScopeGuard(
        [&french] { QCoreApplication::removeTranslator(&french); });
    panel->complaintAction()->trigger();
    ComplaintDialog *complaint = nullptr;
    QTRY_VERIFY((complaint = findDialog<ComplaintDialog>(m_window.get())));
    auto *issues = complaint->findChild<QSpinBox *>(QStringLiteral("compensation_issues"));
    QCOMPARE(issues->value(), 1);
    QCOMPARE(issues->suffix(), QStringLiteral(" numéro"));
    issues->setValue(2);
    QCOMPARE(issues->suffix(), QStringLiteral(" numéros"));
    QTest::keyClick(complaint, Qt::Key_Return);
    QTRY_COMPARE(panel->complaintView()->model()->rowCount(), 1);
    QCOMPARE(m_store->subscriptionById(sub.meta.id)->end,
             addIssues(endBefore, 2, m_catalogue.daily.weekdays));
}

void TestRelaisGui::giftPaidBySomeoneElse()
{
    const Subscriber reader = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Léa"),
                                                                     QStringLiteral("Petit")));
    Subscriber company;
    company.company = QStringLiteral("Société Générale de Presse");
    company.address.line4 = QStringLiteral("1 PLACE DE LA GARE");
    company.address.postalCode = QStringLiteral("44000");
    company.address.city = QStringLiteral("Nantes");
    company = addSubscriber(*m_store, company);
    openWindow();
    m_window->openSubscriber(seqOf(reader));
    SubscriptionsPanel *panel = m_window->record()->subscriptions();
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    SubscriptionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = findDialog<SubscriptionDialog>(m_window.get())));
    dialog->findChild<QCheckBox *>(QStringLiteral("other_payer"))->setChecked(true);
    auto *payer = dialog->findChild<QLineEdit *>(QStringLiteral("payer_number"));
    QVERIFY(payer->isEnabled());
    QTest::keyClicks(payer, QString::number(company.number));
    QTest::keyClick(payer, Qt::Key_Return);
    QTRY_COMPARE(panel->subscriptionView()->model()->rowCount(), 1);
    const QList<Subscription> subs = m_store->subscriptionsOf(reader.meta.id);
    QCOMPARE(subs.size(), 1);
    QCOMPARE(subs.first().recipientId, reader.meta.id);
    QCOMPARE(subs.first().payerId, company.meta.id);
    QCOMPARE(panel->subscriptionView()
                 ->model()
                 ->index(0, SubscriptionTableModel::PayerColumn)
                 .data()
                 .toString(),
             company.displayName());
    // The payer's record lists it too, as paid for the reader.
    m_window->openSubscriber(seqOf(company));
    QTRY_COMPARE(panel->subscriptionView()->model()->rowCount(), 1);
    QVERIFY(panel->subscriptionView()
                ->model()
                ->index(0, SubscriptionTableModel::PayerColumn)
                .data()
                .toString()
                .contains(QStringLiteral("Petit")));
}

void TestRelaisGui::anotherRecordSelectsItsSubscription()
{
    const Subscriber a = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                QStringLiteral("Alpha")));
    const Subscriber b = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Bea"),
                                                                QStringLiteral("Beta")));
    addSubscription(*m_store, a, m_catalogue.yearly, QDate::currentDate().addDays(-10));
    const Subscription ofB = addSubscription(*m_store, b, m_catalogue.yearly,
                                             QDate::currentDate().addDays(-20));
    openWindow();
    m_window->openSubscriber(seqOf(a));
    SubscriptionsPanel *panel = m_window->record()->subscriptions();
    QTRY_VERIFY(panel->selectedSubscription().has_value());
    // The next record's subscription is selected, not nothing: Ctrl+R renews it at once.
    m_window->openSubscriber(seqOf(b));
    QVERIFY(panel->selectedSubscription().has_value());
    QCOMPARE(panel->selectedSubscription()->meta.id, ofB.meta.id);
    QVERIFY(panel->renewAction()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(m_store->subscriptionById(ofB.meta.id)->end,
             ofB.end.addDays(1).addMonths(12).addDays(-1));
}

void TestRelaisGui::timelineShowsTheChange()
{
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    addSubscription(*m_store, s, m_catalogue.yearly, QDate::currentDate().addDays(-10));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    auto *reach = m_window->findChild<QLabel *>(QStringLiteral("reach_note"));
    QVERIFY(reach->isHidden());
    QLineEdit *line4 = field(QStringLiteral("line4"));
    line4->setFocus();
    line4->selectAll();
    type(line4, QStringLiteral("8 BOULEVARD DE LA LIBERTE"));
    // A move says which issue it first reaches, given the title's cut-off.
    QVERIFY(!reach->isHidden());
    QVERIFY2(reach->text().contains(
                 Labels::date(m_catalogue.daily.firstIssueReachedBy(QDateTime::currentDateTime()))),
             qPrintable(reach->text()));
    QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(!m_window->record()->isModified());
    QCOMPARE(m_store->subscriberById(s.meta.id)->address.line4,
             QStringLiteral("8 BOULEVARD DE LA LIBERTE"));

    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->record()->tabs()->currentIndex(), int(RecordView::TimelineTab));
    TimelinePanel *timeline = m_window->record()->timeline();
    QAbstractItemModel *audit = timeline->auditView()->model();
    bool found = false;
    for (int r = 0; r < audit->rowCount(); ++r) {
        if (audit->index(r, AuditTableModel::OldColumn).data().toString() == u"12 RUE DES LILAS"
            && audit->index(r, AuditTableModel::NewColumn).data().toString()
                   == u"8 BOULEVARD DE LA LIBERTE") {
            found = true;
            QCOMPARE(audit->index(r, AuditTableModel::OperationColumn).data().toString(),
                     QStringLiteral("Subscriber changed"));
        }
    }
    QVERIFY(found);
    QVERIFY(timeline->dayText().contains(QStringLiteral("8 BOULEVARD DE LA LIBERTE")));
}

void TestRelaisGui::leavingAModifiedRecordAsks()
{
    const Subscriber a = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                QStringLiteral("Alpha")));
    const Subscriber b = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Bea"),
                                                                QStringLiteral("Beta")));
    openWindow();
    m_window->openSubscriber(seqOf(a));
    int asked = 0;
    RecordView::LeaveChoice answer = RecordView::LeaveChoice::Stay;
    m_window->record()->setLeavePrompt([&](const QString &) {
        ++asked;
        return answer;
    });
    type(field(QStringLiteral("first_name")), QStringLiteral("-Marie"));
    m_window->openSubscriber(seqOf(b));
    QCOMPARE(asked, 1);
    QCOMPARE(m_window->record()->stored().meta.id, a.meta.id); // stayed
    QVERIFY(m_window->record()->isModified());

    answer = RecordView::LeaveChoice::Save;
    m_window->openSubscriber(seqOf(b));
    QCOMPARE(asked, 2);
    QCOMPARE(m_window->record()->stored().meta.id, b.meta.id);
    QCOMPARE(m_store->subscriberById(a.meta.id)->firstName, QStringLiteral("Anne-Marie"));

    type(field(QStringLiteral("first_name")), QStringLiteral("trice"));
    answer = RecordView::LeaveChoice::Discard;
    m_window->newSubscriber();
    QCOMPARE(asked, 3);
    QVERIFY(m_window->record()->isNew());
    QCOMPARE(m_store->subscriberById(b.meta.id)->firstName, QStringLiteral("Bea"));
    QVERIFY(!m_drafts->load(b.meta.id));
}

void TestRelaisGui::draftSurvivesACrash()
{
    openWindow();
    m_window->newSubscriber();
    type(field(QStringLiteral("last_name")), QStringLiteral("Bérard"));
    type(field(QStringLiteral("line4")), QStringLiteral("5 RUE"));
    // The window goes away without saving or asking, as in a crash; the draft is already on disk.
    m_window->record()->setLeavePrompt(
        [](const QString &) { return RecordView::LeaveChoice::Stay; });
    m_window.release()->deleteLater();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    DraftStore reread(m_path);
    QVERIFY(reread.load(DraftStore::newRecordKey()));

    openWindow();
    QVERIFY(m_window->record()->isNew());
    QVERIFY(m_window->record()->isModified());
    QCOMPARE(field(QStringLiteral("last_name"))->text(), QStringLiteral("Bérard"));
    QCOMPARE(field(QStringLiteral("line4"))->text(), QStringLiteral("5 RUE"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("draft_note"))->isVisible());
}

void TestRelaisGui::savingSendsOnlyWhatTheClerkChanged_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("same session") << false;
    QTest::newRow("draft restored after a crash") << true;
}

void TestRelaisGui::savingSendsOnlyWhatTheClerkChanged()
{
    QFETCH(bool, crash);
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    field(QStringLiteral("line4"))->clear();
    type(field(QStringLiteral("line4")), QStringLiteral("3 RUE DE BREST"));
    QVERIFY(m_drafts->load(s.meta.id));
    // Meanwhile a pull brings another desk's changes to the same record (no audit, no outbox).
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(
            QStringLiteral("UPDATE subscriber SET first_name = 'Jeanne', email = 'pris@serveur.fr' "
                           "WHERE id = '%1'")
                .arg(s.meta.id)));
    }
    if (crash) {
        // The window goes away unsaved; the draft, opened again, still knows what the clerk had seen.
        m_window->record()->setLeavePrompt(
            [](const QString &) { return RecordView::LeaveChoice::Stay; });
        m_window.release()->deleteLater();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        openWindow();
        m_window->openSubscriber(seqOf(s));
        QVERIFY(m_window->record()->isModified());
        QCOMPARE(field(QStringLiteral("line4"))->text(), QStringLiteral("3 RUE DE BREST"));
        QCOMPARE(m_window->record()->form()->seen().firstName, QStringLiteral("Jean"));
    }
    const qint64 ops = m_store->outbox().size();
    QVERIFY(m_window->record()->save());
    QCOMPARE(m_store->outbox().size(), ops + 1);
    const OutboxOperation op = m_store->outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscriber.update"));
    const QJsonObject fields = QJsonDocument::fromJson(op.fields.toUtf8()).object();
    const QJsonObject base = QJsonDocument::fromJson(op.base.toUtf8()).object();
    QCOMPARE(fields.keys(), QStringList{QStringLiteral("line4")});
    QCOMPARE(base.value(QStringLiteral("line4")).toString(), QStringLiteral("12 RUE DES LILAS"));
    // The pulled changes are not undone by the save.
    const Subscriber stored = *m_store->subscriberById(s.meta.id);
    QCOMPARE(stored.firstName, QStringLiteral("Jeanne"));
    QCOMPARE(stored.email, QStringLiteral("pris@serveur.fr"));
    QCOMPARE(stored.address.line4, QStringLiteral("3 RUE DE BREST"));
    QVERIFY(!m_drafts->load(s.meta.id));
}

void TestRelaisGui::inseeCodeFollowsTheAddress_data()
{
    QTest::addColumn<QStringList>("edits"); // field, text, field, text...
    QTest::addColumn<QString>("insee");     // as saved
    QTest::newRow("phone: kept") << QStringList{QStringLiteral("phone"),
                                                QStringLiteral("02 99 00 00 00")}
                                 << QStringLiteral("35238");
    QTest::newRow("another postal code of Rennes: kept")
        << QStringList{QStringLiteral("postal_code"), QStringLiteral("35200")}
        << QStringLiteral("35238");
    QTest::newRow("Cesson-Sévigné: dropped")
        << QStringList{QStringLiteral("postal_code"), QStringLiteral("35510"),
                       QStringLiteral("city"), QStringLiteral("Cesson-Sévigné")}
        << QString();
}

void TestRelaisGui::inseeCodeFollowsTheAddress()
{
    QFETCH(QStringList, edits);
    QFETCH(QString, insee);
    // An address imported with its INSEE code (Rennes, 35238).
    Subscriber imported = makeSubscriber(QStringLiteral("Jean"), QStringLiteral("Martin"));
    imported.address.inseeCode = QStringLiteral("35238");
    const Subscriber s = addSubscriber(*m_store, imported);
    QCOMPARE(s.address.inseeCode, QStringLiteral("35238"));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    auto *shown = m_window->record()->form()->findChild<QLabel *>(QStringLiteral("insee_code"));
    QVERIFY(shown);
    QVERIFY(shown->isVisibleTo(m_window.get()));
    QVERIFY2(shown->text().contains(QStringLiteral("35238")), qPrintable(shown->text()));
    for (qsizetype i = 0; i + 1 < edits.size(); i += 2) {
        field(edits.at(i))->clear();
        type(field(edits.at(i)), edits.at(i + 1));
    }
    QCOMPARE(m_window->record()->form()->subscriber().address.inseeCode, insee);
    if (insee.isEmpty()) // the clerk sees that the code goes
        QVERIFY2(shown->text().contains(QStringLiteral("35238"))
                     && !shown->text().contains(QStringLiteral(": 35238")),
                 qPrintable(shown->text()));
    const qint64 ops = m_store->outbox().size();
    QVERIFY(m_window->record()->save());
    QCOMPARE(m_store->outbox().size(), ops + 1);
    QCOMPARE(m_store->subscriberById(s.meta.id)->address.inseeCode, insee);
    // Sent as a changed field with its base only when it changed.
    const OutboxOperation op = m_store->outbox().last();
    const QJsonObject fields = QJsonDocument::fromJson(op.fields.toUtf8()).object();
    const QJsonObject base = QJsonDocument::fromJson(op.base.toUtf8()).object();
    QCOMPARE(fields.contains(QStringLiteral("insee_code")), insee.isEmpty());
    if (insee.isEmpty()) {
        QCOMPARE(fields.value(QStringLiteral("insee_code")).toString(), QString());
        QCOMPARE(base.value(QStringLiteral("insee_code")).toString(), QStringLiteral("35238"));
    }
}

void TestRelaisGui::worklistsOverviewAndStatus()
{
    const QDate today = QDate::currentDate();
    const Subscriber a = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                QStringLiteral("Alpha")));
    const Subscription soon = addSubscription(*m_store, a, m_catalogue.yearly,
                                              today.addDays(6).addMonths(-12));
    DeliveryChange hold;
    hold.subscriptionId = soon.meta.id;
    hold.from = today.addDays(1);
    hold.to = today.addDays(2);
    QVERIFY(m_store->addDeliveryChange(hold).ok());
    openWindow();

    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    WorklistsDialog *worklists = nullptr;
    QTRY_VERIFY((worklists = findDialog<WorklistsDialog>(m_window.get())));
    QAbstractItemModelTester t1(worklists->expiringModel(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(worklists->expiringModel()->rowCount(), 1);
    QTRY_COMPARE(worklists->startingModel()->rowCount(), 1);
    worklists->daysField()->setValue(3);
    QTRY_COMPARE(worklists->expiringModel()->rowCount(), 0);
    worklists->close();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
    OverviewDialog *overview = nullptr;
    QTRY_VERIFY((overview = findDialog<OverviewDialog>(m_window.get())));
    QTRY_COMPARE(overview->overview().titles.size(), 1);
    QCOMPARE(overview->overview().titles.first().activeSubscribers, 1);
    QCOMPARE(overview->overview().weeks.size(), 12);
    // The chart's scale reads in round numbers (50, 100, 150, 200; never 49, 99, 148, 198).
    QCOMPARE(ChartWidget::scaleTop(198), qint64(200));
    QCOMPARE(ChartWidget::scaleTop(1), qint64(4));
    QCOMPARE(ChartWidget::scaleTop(7), qint64(8));
    QCOMPARE(ChartWidget::scaleTop(15), qint64(20));
    QCOMPARE(ChartWidget::scaleTop(4500), qint64(5000));
    QCOMPARE(ChartWidget::scaleTop(100), qint64(100));
    overview->close();

    // Settings: the desk's name goes to the database and the status bar.
    m_window->activateWindow();
    m_window->showSettings();
    QDialog *settings = nullptr;
    QTRY_VERIFY((settings = findDialog<SettingsDialog>(m_window.get())));
    auto *deskName = settings->findChild<QLineEdit *>(QStringLiteral("deskName"));
    deskName->clear();
    QTest::keyClicks(deskName, QStringLiteral("Accueil 2"));
    auto *language = settings->findChild<QComboBox *>(QStringLiteral("language"));
    const QString before = AppSettings::language();
    const QString other = before == u"fr" ? QStringLiteral("en") : QStringLiteral("fr");
    language->setCurrentIndex(language->findData(other));
    QSignalSpy languageChanged(m_window.get(), &MainWindow::languageChanged);
    QTest::keyClick(deskName, Qt::Key_Return);
    QTRY_VERIFY(!settings->isVisible());
    QCOMPARE(m_store->desk().deskName, QStringLiteral("Accueil 2"));
    QCOMPARE(languageChanged.count(), 1);
    QCOMPARE(languageChanged.first().first().toString(), other);
    AppSettings::setLanguage(before);

    DeskStatus *status = m_window->deskStatus();
    QVERIFY(status->text().contains(QStringLiteral("Accueil 2")));
    QCOMPARE(status->syncState(), DeskStatus::SyncState::LocalOnly);
    QTRY_COMPARE(status->queued(), m_store->pendingOperationCount());
    QVERIFY(status->text().contains(m_store->desk().deskName));
}

void TestRelaisGui::worklistsFitTheirTable()
{
    // The longest things the lists show on a real desk (the demo's title, offer and library), each
    // column whole, the dialog on the screen and no horizontal scroll bar.
    Publication p;
    p.code = QStringLiteral("DIM");
    p.name = QStringLiteral("Le Journal du Dimanche de l'Ouest");
    p.weekdays = *Weekdays::parse(QStringLiteral("1-7"));
    p.cutoff = QTime(12, 0);
    auto pub = m_store->addPublication(p);
    QVERIFY(pub.ok());
    Offer o;
    o.publicationId = pub->meta.id;
    o.code = QStringLiteral("DIM-DUO");
    o.label = QStringLiteral("Quotidien papier + numérique 12 mois");
    o.months = 12;
    auto offer = m_store->addOffer(o);
    QVERIFY(offer.ok());
    Subscriber library = makeSubscriber(QString(), QString());
    library.civility.clear();
    library.company = QStringLiteral("Bibliothèque municipale SAINT-MAIGRIN");
    const Subscriber a = addSubscriber(*m_store, library);
    const Subscriber b = addSubscriber(*m_store,
                                       makeSubscriber(QStringLiteral("Marie-Hélène"),
                                                      QStringLiteral("Delacroix-Montfort")));
    const QDate today = QDate::currentDate();
    for (const Subscriber &s : {a, b}) {
        const Subscription sub = addSubscription(*m_store, s, *offer,
                                                 today.addDays(9).addMonths(-12));
        DeliveryChange hold;
        hold.subscriptionId = sub.meta.id;
        hold.from = today.addDays(1);
        hold.to = today.addDays(14);
        QVERIFY(m_store->addDeliveryChange(hold).ok());
    }
    openWindow();
    QCOMPARE(m_window->screen()->size(), kScreen);
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    WorklistsDialog *worklists = nullptr;
    QTRY_VERIFY((worklists = findDialog<WorklistsDialog>(m_window.get())));
    QTRY_COMPARE(worklists->expiringModel()->rowCount(), 2);
    QTRY_COMPARE(worklists->startingModel()->rowCount(), 2);
    auto *tabs = worklists->findChild<QTabWidget *>();
    for (int page = 0; page < 2; ++page) {
        tabs->setCurrentIndex(page);
        QCoreApplication::processEvents();
        QTableView *view = page == 0 ? worklists->expiringView() : worklists->startingView();
        const QRect available = worklists->screen()->availableGeometry();
        QVERIFY2(available.contains(worklists->frameGeometry()),
                 qPrintable(QStringLiteral("%1 wide on a screen of %2")
                                .arg(worklists->frameGeometry().width())
                                .arg(available.width())));
        QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(),
                 qPrintable(QStringLiteral("columns %1, table %2")
                                .arg(view->horizontalHeader()->length())
                                .arg(view->viewport()->width())));
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        for (int c = 0; c < view->model()->columnCount(); ++c) {
            const int needed = qMax(static_cast<QAbstractItemView *>(view)->sizeHintForColumn(c),
                                    view->horizontalHeader()->sectionSizeHint(c));
            QVERIFY2(view->columnWidth(c) >= needed,
                     qPrintable(QStringLiteral("page %1, column %2 (%3): %4 of %5")
                                    .arg(page)
                                    .arg(c)
                                    .arg(view->model()->headerData(c, Qt::Horizontal).toString())
                                    .arg(view->columnWidth(c))
                                    .arg(needed)));
        }
    }
    // Made narrower by the clerk: the widest columns give way, still no horizontal scroll bar.
    worklists->resize(640, worklists->height());
    QCoreApplication::processEvents();
    QTableView *view = worklists->startingView();
    QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(),
             qPrintable(QStringLiteral("columns %1, table %2")
                            .arg(view->horizontalHeader()->length())
                            .arg(view->viewport()->width())));
}

void TestRelaisGui::subscriptionsKeepEveryColumnInSight_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("French") << QStringLiteral("fr");
}

void TestRelaisGui::subscriptionsKeepEveryColumnInSight()
{
    // The window as it opens (the clerk did not widen it), a gift with the demo's longest title and
    // offer: every column in sight, no horizontal scroll bar; dates, copies and status whole, the
    // widest (title, offer, payer) give way.
    QFETCH(QString, language);
    QTranslator french;
    struct Restore
    {
        QTranslator *t;
        ~Restore()
        {
            QCoreApplication::removeTranslator(t);
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        }
    } restore{&french};
    if (language == u"fr") {
        QVERIFY(french.load(QStringLiteral(RELAIS_FR_QM)));
        QVERIFY(QCoreApplication::installTranslator(&french));
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    }
    Publication p;
    p.code = QStringLiteral("DIM");
    p.name = QStringLiteral("Le Journal du Dimanche de l'Ouest");
    p.weekdays = *Weekdays::parse(QStringLiteral("7"));
    p.cutoff = QTime(12, 0);
    auto pub = m_store->addPublication(p);
    QVERIFY(pub.ok());
    Offer o;
    o.publicationId = pub->meta.id;
    o.code = QStringLiteral("DIM-DUO");
    o.label = QStringLiteral("Quotidien papier + numérique 12 mois");
    auto offer = m_store->addOffer(o);
    QVERIFY(offer.ok());
    const Subscriber recipient = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"),
                                                                        QStringLiteral("Martin")));
    const Subscriber payer = addSubscriber(*m_store,
                                           makeSubscriber(QStringLiteral("Marie-Hélène"),
                                                          QStringLiteral("Delacroix-Montfort")));
    Subscription gift;
    gift.recipientId = recipient.meta.id;
    gift.payerId = payer.meta.id;
    gift.offerId = offer->meta.id;
    gift.start = QDate::currentDate().addDays(-20);
    QVERIFY(m_store->addSubscription(gift).ok());
    addSubscription(*m_store, recipient, m_catalogue.yearly, QDate::currentDate().addDays(-5));
    openWindow();
    m_window->openSubscriber(seqOf(payer)); // the payer's record lists the gift with its recipient
    m_window->openSubscriber(seqOf(recipient));
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    auto *view = m_window->findChild<QTableView *>(QStringLiteral("subscriptions"));
    QVERIFY(view);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QCoreApplication::processEvents();
    QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(),
             qPrintable(QStringLiteral("columns %1, table %2")
                            .arg(view->horizontalHeader()->length())
                            .arg(view->viewport()->width())));
    // A cut text is whole on hover.
    QStringList tips;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        tips << view->model()
                    ->index(r, SubscriptionTableModel::TitleColumn)
                    .data(Qt::ToolTipRole)
                    .toString();
    QVERIFY2(tips.contains(QStringLiteral("Le Journal du Dimanche de l'Ouest")),
             qPrintable(tips.join(u'|')));
    // The payer in sight, at least its first words (the whole text is too long to share the width).
    QVERIFY2(view->columnWidth(SubscriptionTableModel::PayerColumn) >= 100,
             qPrintable(QString::number(view->columnWidth(SubscriptionTableModel::PayerColumn))));
    for (int c :
         {int(SubscriptionTableModel::StartColumn), int(SubscriptionTableModel::EndColumn),
          int(SubscriptionTableModel::StatusColumn), int(SubscriptionTableModel::CopiesColumn)}) {
        const int needed = static_cast<QAbstractItemView *>(view)->sizeHintForColumn(c);
        QVERIFY2(view->columnWidth(c) >= needed,
                 qPrintable(QStringLiteral("%1: %2 of %3")
                                .arg(view->model()->headerData(c, Qt::Horizontal).toString())
                                .arg(view->columnWidth(c))
                                .arg(needed)));
    }
}

void TestRelaisGui::titleNamesRelaisOnce()
{
    // The platform writes the application's display name after a window's title, unless the title
    // already ends with it (QPlatformWindow::formatWindowTitle): the title bar reads
    // "Accueil — Relais", never "Relais — Accueil — Relais".
    const QString before = QGuiApplication::applicationDisplayName();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Relais"));
    auto shown = [](const QString &title) {
        return title.endsWith(QStringLiteral("Relais")) ? title
                                                        : title + QStringLiteral(" — Relais");
    };
    QVERIFY(bool(m_store->setDeskName(QStringLiteral("Accueil"))));
    openWindow();
    QCOMPARE(shown(m_window->windowTitle()), QStringLiteral("Accueil — Relais"));
    QVERIFY(bool(m_store->setDeskName(QString())));
    m_window.reset();
    openWindow();
    QCOMPARE(shown(m_window->windowTitle()), QStringLiteral("Relais"));
    QGuiApplication::setApplicationDisplayName(before);
}

void TestRelaisGui::windowStaysOnTheScreen_data()
{
    // On the suite's screen: 1366x768, and 1280x720 in the second ctest run (tst_relaisgui_1280x720).
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("French") << QStringLiteral("fr"); // longer labels: "Téléphone", "Complément"
}

void TestRelaisGui::windowStaysOnTheScreen()
{
    QFETCH(QString, language);
    const QSize screen = kScreen;
    QTranslator french;
    struct Restore
    {
        QTranslator *t;
        ~Restore()
        {
            QCoreApplication::removeTranslator(t);
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        }
    } restore{&french};
    if (language == u"fr") {
        QVERIFY(french.load(QStringLiteral(RELAIS_FR_QM)));
        QVERIFY(QCoreApplication::installTranslator(&french));
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    }
    for (const QString &last :
         {QStringLiteral("Martin"), QStringLiteral("Mallet"), QStringLiteral("Marchand")})
        addSubscriber(*m_store, makeSubscriber(QStringLiteral("Anne"), last));
    openWindow();
    // The window as it opens, then made as large as the screen leaves it (title bar, panel).
    const QSize available(screen.width(), screen.height() - 60);
    QVERIFY2(m_window->width() <= available.width(),
             qPrintable(QString::number(m_window->width())));
    // As it opens, with room for a title bar: Save and the status bar above the screen's edge.
    QVERIFY2(m_window->height() + 40 <= screen.height(),
             qPrintable(QString::number(m_window->height())));
    m_window->resize(available);
    QTRY_COMPARE(m_window->size(), available);
    auto *count = m_window->findChild<QLabel *>(QStringLiteral("result_count"));
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    type(focused(), QStringLiteral("m"));
    QTRY_VERIFY(m_window->searchPane()->model()->isReady()
                && m_window->searchPane()->model()->searchText() == u"m");
    // Wrapped, the sentence never leaves "ms)" alone at the start of a line.
    QTRY_VERIFY2(count->text().endsWith(QStringLiteral("\u00a0ms)")), qPrintable(count->text()));
    // However long the count's sentence gets (the longest one, in any language), nothing widens.
    count->setText(QStringLiteral(
        "Plus de 5 000 résultats, non classés : continuez à taper pour voir les "
        "meilleurs d’abord (12 ms) — et une phrase plus longue encore pour en être sûr"));
    QCoreApplication::processEvents();
    QCOMPARE(m_window->size(), available);
    QVERIFY2(m_window->minimumSizeHint().width() <= available.width(),
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QVERIFY2(m_window->minimumSizeHint().height() <= available.height(),
             qPrintable(QString::number(m_window->minimumSizeHint().height())));
    // Save and the status bar stay inside the window.
    auto *save = m_window->findChild<QPushButton *>(QStringLiteral("save_button"));
    const QRect saveRect(save->mapTo(m_window.get(), QPoint(0, 0)), save->size());
    QVERIFY(m_window->rect().contains(saveRect));
    const QRect statusRect(m_window->statusBar()->mapTo(m_window.get(), QPoint(0, 0)),
                           m_window->statusBar()->size());
    QVERIFY(m_window->rect().contains(statusRect));
    // No label of the record's form is cut ("Téléphone" lost its last letter).
    m_window->openSubscriber(1);
    for (QLabel *label : m_window->record()->form()->findChildren<QLabel *>()) {
        if (!label->buddy() || !label->isVisible())
            continue;
        const QString text = QString(label->text()).remove(u'&');
        QVERIFY2(label->contentsRect().width() >= label->fontMetrics().horizontalAdvance(text) + 3,
                 qPrintable(text + u' ' + QString::number(label->contentsRect().width())));
    }
    // A record open on the subscriptions tab (the widest one) fits too.
    m_window->openSubscriber(
        m_window->searchPane()->currentSeq() > 0 ? m_window->searchPane()->currentSeq() : 1);
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCoreApplication::processEvents();
    QCOMPARE(m_window->size(), available);
    QVERIFY2(m_window->minimumSizeHint().width() <= available.width(),
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
}

void TestRelaisGui::windowShortcutsFromEveryField_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<int>("key");
    QTest::newRow("Ctrl+E from the search field") << QStringLiteral("search") << int(Qt::Key_E);
    QTest::newRow("Ctrl+E from a text field of the record")
        << QStringLiteral("first_name") << int(Qt::Key_E);
    QTest::newRow("Ctrl+E from a date field") << QStringLiteral("timeline_day") << int(Qt::Key_E);
    QTest::newRow("Ctrl+D from the search field") << QStringLiteral("search") << int(Qt::Key_D);
    QTest::newRow("Ctrl+D from a date field") << QStringLiteral("timeline_day") << int(Qt::Key_D);
    QTest::newRow("Ctrl+H from a text field of the record")
        << QStringLiteral("line4") << int(Qt::Key_H);
}

void TestRelaisGui::windowShortcutsFromEveryField()
{
    QFETCH(QString, where);
    QFETCH(int, key);
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    addSubscription(*m_store, s, m_catalogue.yearly, QDate::currentDate().addDays(-10));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    QWidget *target = nullptr;
    if (where == u"search") {
        target = m_window->searchPane()->searchField();
    } else if (where == u"timeline_day") {
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        target = m_window->findChild<DateField *>(where)->lineEdit();
    } else {
        target = field(where);
    }
    QVERIFY(target);
    target->setFocus(Qt::TabFocusReason);
    QCOMPARE(focused(), target);
    LinuxEditKeys editKeys;
    target->installEventFilter(&editKeys);
    QTest::keyClick(target, Qt::Key(key), Qt::ControlModifier);
    if (key == Qt::Key_E) {
        WorklistsDialog *w = nullptr;
        QTRY_VERIFY((w = findDialog<WorklistsDialog>(m_window.get())));
    } else if (key == Qt::Key_D) {
        QTRY_VERIFY(findDialog<OverviewDialog>(m_window.get()));
    } else {
        QTRY_VERIFY(findDialog<DeliveryChangeDialog>(m_window.get()));
    }
    // The field never saw the key as its own: the window's shortcut came first.
    QCOMPARE(editKeys.claimed, 0);
}

void TestRelaisGui::menusShowEveryDocumentedShortcut()
{
    openWindow();
    // Every shortcut the user guide documents, in its menu (which F1 lists), each key used once.
    QHash<QString, QString> byKey;
    for (QAction *menu : m_window->menuBar()->actions())
        for (QAction *a : menu->menu()->actions()) {
            if (a->shortcut().isEmpty())
                continue;
            const QString key = a->shortcut().toString(QKeySequence::PortableText);
            QVERIFY2(!byKey.contains(key),
                     qPrintable(key + u' ' + a->text() + u'/' + byKey.value(key)));
            byKey.insert(key, a->text());
        }
    const QStringList documented = {QStringLiteral("Ctrl+F"),
                                    QStringLiteral("Ctrl+L"),
                                    QStringLiteral("Shift+F5"),
                                    QStringLiteral("F5"),
                                    QStringLiteral("Ctrl+N"),
                                    QStringLiteral("Ctrl+S"),
                                    QStringLiteral("Esc"),
                                    QStringLiteral("Ctrl+1"),
                                    QStringLiteral("Ctrl+2"),
                                    QStringLiteral("Ctrl+3"),
                                    QStringLiteral("Ctrl+E"),
                                    QStringLiteral("Ctrl+D"),
                                    QStringLiteral("Ctrl+Shift+E"),
                                    QStringLiteral("Ctrl+I"),
                                    QStringLiteral("Ctrl+,"),
                                    QStringLiteral("Ctrl+Q"),
                                    QStringLiteral("Ctrl+Shift+N"),
                                    QStringLiteral("Ctrl+R"),
                                    QStringLiteral("Ctrl+Shift+X"),
                                    QStringLiteral("Ctrl+Shift+R"),
                                    QStringLiteral("Ctrl+H"),
                                    QStringLiteral("Ctrl+Shift+H"),
                                    QStringLiteral("Ctrl+Shift+P"),
                                    QStringLiteral("Ctrl+Shift+D"),
                                    QStringLiteral("Ctrl+Shift+Del"),
                                    QStringLiteral("Ctrl+Shift+Y"),
                                    QStringLiteral("Ctrl+Shift+K"),
                                    QStringLiteral("Ctrl+Shift+L"),
                                    QStringLiteral("F1")};
    for (const QString &key : documented)
        QVERIFY2(byKey.contains(key), qPrintable(key));
    QVERIFY(byKey.value(QStringLiteral("Ctrl+Shift+D")).contains(QStringLiteral("dates")));
    QVERIFY(byKey.value(QStringLiteral("Ctrl+Shift+Del")).contains(QStringLiteral("move")));

    // And every one the guide itself names (in French: Maj, Suppr), read from docs/user-guide.md, so
    // that a shortcut added to the guide and not to the menus is caught.
    QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR "/../../docs/user-guide.md"));
    QVERIFY(guide.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(guide.readAll());
    static const QRegularExpression token(QStringLiteral("`((?:Ctrl|Maj|Shift)\\+[^`]+|F\\d+)`"));
    int named = 0;
    for (auto it = token.globalMatch(text); it.hasNext();) {
        QString key = it.next().captured(1);
        key.replace(QStringLiteral("Maj"), QStringLiteral("Shift"))
            .replace(QStringLiteral("Suppr"), QStringLiteral("Del"));
        QVERIFY2(byKey.contains(key),
                 qPrintable(
                     QStringLiteral("%1, named in docs/user-guide.md, is in no menu").arg(key)));
        ++named;
    }
    QVERIFY(named > 20);

    // F1 lists what the menus hold, Change the dates and Remove among them.
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
                shown = box->text();
                box->accept();
            }
    });
    QTest::keyClick(m_window->searchPane()->searchField(), Qt::Key_F1);
    QTRY_VERIFY(!shown.isEmpty());
    for (const QString &key : byKey.keys()) {
        const QString native = QKeySequence(key, QKeySequence::PortableText)
                                   .toString(QKeySequence::NativeText);
        QVERIFY2(shown.contains(native.toHtmlEscaped()), qPrintable(key));
    }
    QVERIFY2(shown.contains(QStringLiteral("Change the dates")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Remove")), qPrintable(shown));
}

void TestRelaisGui::datesTypedInEveryDialog_data()
{
    // Each dialog's date field, typed in each form a clerk uses.
    QTest::addColumn<QString>("dialog");
    QTest::addColumn<QString>("keys");
    const QDate d = QDate::currentDate().addDays(40);
    const QString dd = d.toString(QStringLiteral("dd/MM/yyyy"));
    const QString shortForm = d.toString(QStringLiteral("d/M/yy"));
    const QString digits = d.toString(QStringLiteral("ddMMyyyy"));
    const QString iso = d.toString(Qt::ISODate);
    for (const char *dialog :
         {"subscription", "complaint", "cancel", "timeline", "hold", "holiday", "export"}) {
        for (const QString &keys : {dd, shortForm, digits, iso})
            QTest::addRow("%s, %s", dialog, qPrintable(keys))
                << QString::fromLatin1(dialog) << keys;
    }
}

void TestRelaisGui::datesTypedInEveryDialog()
{
    QFETCH(QString, dialog);
    QFETCH(QString, keys);
    const QDate expected = QDate::currentDate().addDays(40);
    const Subscriber s = addSubscriber(*m_store, makeSubscriber(QStringLiteral("Jean"),
                                                                QStringLiteral("Martin")));
    const Subscription sub = addSubscription(*m_store, s, m_catalogue.yearly,
                                             QDate::currentDate().addDays(-10));
    openWindow();
    m_window->openSubscriber(seqOf(s));
    SubscriptionsPanel *panel = m_window->record()->subscriptions();
    QTRY_COMPARE(panel->subscriptionView()->model()->rowCount(), 1);
    if (dialog == u"timeline") {
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        auto *day = m_window->findChild<DateField *>(QStringLiteral("timeline_day"));
        // Ctrl+3 then Tab: the day field is the tab's first.
        day->lineEdit()->setFocus(Qt::TabFocusReason);
        type(focused(), keys);
        tab();
        QCOMPARE(day->date(), expected);
        QCOMPARE(day->text(), dmy(expected));
        QVERIFY2(m_window->record()->timeline()->dayText().contains(dmy(expected)),
                 qPrintable(m_window->record()->timeline()->dayText()));
        return;
    }
    QDialog *d = nullptr;
    QString field;
    if (dialog == u"hold" || dialog == u"holiday" || dialog == u"export") {
        // Hold and holiday address: both dates typed the same way, the first by itself then Tab
        // into the second. The export's issue date, by itself.
        if (dialog == u"export") {
            m_window->showExport();
            QTRY_VERIFY((d = findDialog<ExportDialog>(m_window.get())));
            field = QStringLiteral("issue_date");
        } else {
            (dialog == u"hold" ? panel->holdAction() : panel->holidayAction())->trigger();
            QTRY_VERIFY((d = findDialog<DeliveryChangeDialog>(m_window.get())));
            field = QStringLiteral("from");
        }
        typeDate(d, field, keys);
        tab();
        QVERIFY(focused() != dateText(d, field));
        QCOMPARE(d->findChild<DateField *>(field)->date(), expected);
        QCOMPARE(d->findChild<DateField *>(field)->text(), dmy(expected));
        if (dialog == u"export") {
            QTest::keyClick(d, Qt::Key_Escape);
            QTRY_VERIFY(!d->isVisible());
            return;
        }
        QCOMPARE(focused(), dateText(d, QStringLiteral("to")));
        // The second date in the same form as the first.
        const QDate to = expected.addDays(6);
        QString toKeys = keys == dmy(expected) ? dmy(to)
                         : keys.contains(u'-') ? to.toString(Qt::ISODate)
                         : keys.contains(u'/') ? to.toString(QStringLiteral("d/M/yy"))
                                               : to.toString(QStringLiteral("ddMMyyyy"));
        QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(focused(), toKeys);
        tab();
        QCOMPARE(d->findChild<DateField *>(QStringLiteral("to"))->date(), to);
        if (dialog == u"holiday") {
            type(d->findChild<QLineEdit *>(QStringLiteral("line4")),
                 QStringLiteral("3 PLACE DU COMMERCE"));
            type(d->findChild<QLineEdit *>(QStringLiteral("postal_code")), QStringLiteral("44000"));
        }
        QTest::keyClick(d, Qt::Key_Return);
        QTRY_VERIFY(!d->isVisible());
        QCOMPARE(m_store->deliveryChangesOf(sub.meta.id).size(), 1);
        QCOMPARE(m_store->deliveryChangesOf(sub.meta.id).first().from, expected);
        QCOMPARE(m_store->deliveryChangesOf(sub.meta.id).first().to, to);
        return;
    }
    if (dialog == u"subscription") {
        panel->newAction()->trigger();
        QTRY_VERIFY((d = findDialog<SubscriptionDialog>(m_window.get())));
        field = QStringLiteral("start");
    } else if (dialog == u"complaint") {
        panel->complaintAction()->trigger();
        QTRY_VERIFY((d = findDialog<ComplaintDialog>(m_window.get())));
        field = QStringLiteral("issue_date");
    } else {
        panel->cancelAction()->trigger();
        QTRY_VERIFY((d = findDialog<CancelDialog>(m_window.get())));
        field = QStringLiteral("date");
        QVERIFY(QTest::qWaitForWindowActive(d));
        QTRY_VERIFY(d->isAncestorOf(focused()));
        // "From a date", by its key, then Tab into the date.
        QTest::keyClick(focused(), Qt::Key_D, Qt::AltModifier);
        QTRY_VERIFY(d->findChild<QRadioButton *>(QStringLiteral("when_date"))->isChecked());
    }
    typeDate(d, field, keys);
    tab();
    QVERIFY(focused() != dateText(d, field));
    auto *date = d->findChild<DateField *>(field);
    QCOMPARE(date->date(), expected);
    QCOMPARE(date->text(), dmy(expected));
    if (dialog == u"cancel") {
        auto *reason = d->findChild<QComboBox *>(QStringLiteral("reason"));
        reason->setCurrentIndex(1);
    }
    QTest::keyClick(d, Qt::Key_Return);
    QTRY_VERIFY(!d->isVisible());
    if (dialog == u"subscription") {
        QTRY_COMPARE(m_store->subscriptionsOf(s.meta.id).size(), 2);
        bool found = false;
        for (const Subscription &x : m_store->subscriptionsOf(s.meta.id))
            found = found || x.start == expected;
        QVERIFY(found);
    } else if (dialog == u"complaint") {
        QCOMPARE(m_store->complaintsOf(sub.meta.id).size(), 1);
        QCOMPARE(m_store->complaintsOf(sub.meta.id).first().issueDate, expected);
    } else {
        QCOMPARE(m_store->subscriptionById(sub.meta.id)->cancelDate, expected);
    }
}

QTEST_MAIN(TestRelaisGui)
#include "tst_relaisgui.moc"
