#include "subscriptionspanel.h"

#include "canceldialog.h"
#include "complaintdialog.h"
#include "deliverychangedialog.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"
#include "subscriptiondialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *v = new QTableView(parent);
    v->setObjectName(name);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setAlternatingRowColors(true);
    v->setTabKeyNavigation(false);
    return v;
}

QToolButton *buttonFor(QAction *a, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(a);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

SubscriptionsPanel::SubscriptionsPanel(DeskContext context, DeskEvents *events, QWidget *parent)
    : QWidget(parent), m_context(context), m_events(events)
{
    m_model = new SubscriptionTableModel(this);
    m_changes = new DeliveryChangeTableModel(this);
    m_complaints = new ComplaintTableModel(this);

    auto make = [this](const QString &text, const QKeySequence &key,
                       void (SubscriptionsPanel::*slot)()) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_new = make(tr("&New subscription…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                 &SubscriptionsPanel::newSubscription);
    m_renew = make(tr("&Renew"), QKeySequence(Qt::CTRL | Qt::Key_R), &SubscriptionsPanel::renew);
    m_cancel = make(tr("&Cancel subscription…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
                    &SubscriptionsPanel::cancel);
    m_restart = make(tr("Re&start"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                     &SubscriptionsPanel::restart);
    m_hold = new QAction(tr("&Hold deliveries…"), this);
    m_hold->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_hold, &QAction::triggered, this, [this] { addChange(DeliveryChangeKind::Hold); });
    m_holiday = new QAction(tr("Holiday &address…"), this);
    m_holiday->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(m_holiday, &QAction::triggered, this,
            [this] { addChange(DeliveryChangeKind::TemporaryAddress); });
    m_complaint = make(tr("Com&plaint…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                       &SubscriptionsPanel::addComplaint);
    m_changeDates = make(tr("Change the &dates…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                         &SubscriptionsPanel::changeDates);
    m_removeChange = make(tr("Re&move…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                          &SubscriptionsPanel::removeChange);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    for (QAction *a : {m_new, m_renew, m_cancel, m_restart})
        bar->addWidget(buttonFor(a, this));
    bar->addStretch();
    layout->addLayout(bar);
    m_view = makeTable(m_model, this, QStringLiteral("subscriptions"));
    layout->addWidget(m_view, 2);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);

    // The title on its own line: the buttons' row then leaves the result list its width.
    m_changesTitle = new QLabel(tr("<b>Holds and holiday addresses</b>"), this);
    layout->addWidget(m_changesTitle);
    auto *changesBar = new QHBoxLayout;
    changesBar->addWidget(buttonFor(m_hold, this));
    changesBar->addWidget(buttonFor(m_holiday, this));
    changesBar->addWidget(buttonFor(m_changeDates, this));
    changesBar->addWidget(buttonFor(m_removeChange, this));
    changesBar->addStretch();
    layout->addLayout(changesBar);
    m_changesView = makeTable(m_changes, this, QStringLiteral("delivery_changes"));
    layout->addWidget(m_changesView, 1);

    auto *complaintsBar = new QHBoxLayout;
    complaintsBar->addWidget(new QLabel(tr("<b>Complaints</b>"), this));
    complaintsBar->addStretch();
    complaintsBar->addWidget(buttonFor(m_complaint, this));
    layout->addLayout(complaintsBar);
    m_complaintsView = makeTable(m_complaints, this, QStringLiteral("complaints"));
    layout->addWidget(m_complaintsView, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SubscriptionsPanel::selectionChanged);
    connect(m_changesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SubscriptionsPanel::updateActions);
    updateActions();
}

void SubscriptionsPanel::setSubscriber(const Subscriber &s)
{
    m_subscriber = s;
    clearError(m_error);
    reload();
}

void SubscriptionsPanel::reload()
{
    const QString keep = selectedSubscription() ? selectedSubscription()->meta.id : QString();
    QList<SubscriptionView> rows;
    if (!m_subscriber.meta.id.isEmpty()) {
        Store &store = *m_context.store;
        const QDate today = QDate::currentDate();
        for (const Subscription &s : store.subscriptionsOf(m_subscriber.meta.id)) {
            SubscriptionView v;
            v.subscription = s;
            if (const auto p = store.publicationById(s.publicationId))
                v.title = p->name;
            if (const auto o = store.offerById(s.offerId))
                v.offer = o->label;
            if (s.recipientId != m_subscriber.meta.id) {
                if (const auto r = store.subscriberById(s.recipientId))
                    v.recipientName = r->displayName();
            } else if (s.payerId != s.recipientId) {
                if (const auto p = store.subscriberById(s.payerId))
                    v.payerName = p->displayName();
            }
            v.status = subscriptionStatusOn(s, today, store.deliveryChangesOf(s.meta.id));
            rows << v;
        }
    }
    m_model->setRows(rows);
    fitColumnsToView(m_view); // the payer stays in sight: the title gives way first
    if (!keep.isEmpty())
        selectSubscription(keep);
    // Another subscriber's record (or a first load): its latest subscription is the one acted on,
    // so that Ctrl+R, Ctrl+H... work at once from the keyboard.
    if ((!selectedSubscription() || selectedSubscription()->meta.id != keep) && !rows.isEmpty())
        m_view->selectRow(int(rows.size()) - 1);
    selectionChanged();
}

void SubscriptionsPanel::selectSubscription(const QString &id)
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->rowAt(r)->subscription.meta.id == id) {
            m_view->selectRow(r);
            return;
        }
    }
}

std::optional<Subscription> SubscriptionsPanel::selectedSubscription() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (const SubscriptionView *v = m_model->rowAt(current.row()))
        return v->subscription;
    return std::nullopt;
}

void SubscriptionsPanel::selectionChanged()
{
    const auto s = selectedSubscription();
    if (s) {
        m_changes->setRows(m_context.store->deliveryChangesOf(s->meta.id));
        m_complaints->setRows(m_context.store->complaintsOf(s->meta.id));
    } else {
        m_changes->setRows({});
        m_complaints->setRows({});
    }
    fitColumnsToView(m_changesView);
    fitColumnsToView(m_complaintsView);
    updateActions();
}

void SubscriptionsPanel::updateActions()
{
    const bool haveSubscriber = !m_subscriber.meta.id.isEmpty();
    const auto s = selectedSubscription();
    m_new->setEnabled(haveSubscriber);
    m_renew->setEnabled(s && !s->cancelDate.isValid() && s->end.isValid());
    m_cancel->setEnabled(s && !s->cancelDate.isValid());
    m_restart->setEnabled(s && s->cancelDate.isValid());
    m_hold->setEnabled(bool(s));
    m_holiday->setEnabled(bool(s));
    m_complaint->setEnabled(bool(s));
    const bool change = selectedChange().has_value();
    m_changeDates->setEnabled(change);
    m_removeChange->setEnabled(change);
}

std::optional<DeliveryChange> SubscriptionsPanel::selectedChange() const
{
    const QModelIndex current = m_changesView->selectionModel()->currentIndex();
    if (const DeliveryChange *c = m_changes->rowAt(current.row()))
        return *c;
    return std::nullopt;
}

void SubscriptionsPanel::changeDates()
{
    const auto s = selectedSubscription();
    const auto c = selectedChange();
    if (!s || !c)
        return;
    auto *d = new DeliveryChangeDialog(*m_context.store, *s, c->kind, this);
    d->editExisting(*c);
    openDialog(d, c->kind == DeliveryChangeKind::Hold ? tr("Hold dates changed.")
                                                      : tr("Holiday address dates changed."));
}

void SubscriptionsPanel::removeChange()
{
    const auto c = selectedChange();
    const auto s = selectedSubscription();
    if (!c || !s)
        return;
    const bool hold = c->kind == DeliveryChangeKind::Hold;
    auto *box = new QMessageBox(
        QMessageBox::Question, hold ? tr("Remove the hold") : tr("Remove the holiday address"),
        (hold ? tr("Remove the hold from %1 to %2? The reader is delivered again on those days.")
              : tr("Remove the holiday address from %1 to %2? The paper goes to the usual address "
                   "again."))
            .arg(Labels::date(c->from), Labels::date(c->to)),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("confirm_remove_change"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // The hold and the subscription as shown when the clerk asked: the base of the removal.
    connect(box, &QMessageBox::finished, this,
            [this, seen = *c, seenSubscription = *s, hold](int result) {
                if (result != QMessageBox::Yes)
                    return;
                clearError(m_error);
                if (Status st = m_context.store->removeDeliveryChange(seen, seenSubscription);
                    !st) {
                    showError(m_error, st.error());
                    return;
                }
                changed(hold ? tr("Hold removed.") : tr("Holiday address removed."));
            });
    box->open();
}

void SubscriptionsPanel::changed(const QString &message)
{
    reload();
    emit m_events->recordChanged(m_subscriber.meta.id);
    emit m_events->statusMessage(message);
}

void SubscriptionsPanel::openDialog(QDialog *dialog, const QString &doneMessage)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, doneMessage] { changed(doneMessage); });
    // Window-modal and not blocking: the clerk stays in this record, tests drive the dialog.
    dialog->open();
}

void SubscriptionsPanel::newSubscription()
{
    if (m_subscriber.meta.id.isEmpty())
        return;
    auto *d = new SubscriptionDialog(*m_context.store, m_subscriber, this);
    connect(d, &QDialog::accepted, this, [this, d] { selectSubscription(d->created().meta.id); });
    openDialog(d, tr("Subscription saved."));
}

void SubscriptionsPanel::renew()
{
    const auto s = selectedSubscription();
    if (!s)
        return;
    clearError(m_error);
    // The subscription as the panel shows it is the base of the change.
    auto r = m_context.store->renewSubscription(*s);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    changed(tr("Renewed until %1.").arg(Labels::date(r->end)));
}

void SubscriptionsPanel::cancel()
{
    if (const auto s = selectedSubscription())
        openDialog(new CancelDialog(*m_context.store, *s, this), tr("Subscription cancelled."));
}

void SubscriptionsPanel::restart()
{
    const auto s = selectedSubscription();
    if (!s)
        return;
    clearError(m_error);
    auto r = m_context.store->restartSubscription(*s);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    changed(tr("Subscription restarted."));
}

void SubscriptionsPanel::addChange(DeliveryChangeKind kind)
{
    if (const auto s = selectedSubscription())
        openDialog(new DeliveryChangeDialog(*m_context.store, *s, kind, this),
                   kind == DeliveryChangeKind::Hold ? tr("Hold saved.")
                                                    : tr("Holiday address saved."));
}

void SubscriptionsPanel::addComplaint()
{
    if (const auto s = selectedSubscription())
        openDialog(new ComplaintDialog(*m_context.store, *s, this), tr("Complaint saved."));
}

} // namespace Relais::Ui
