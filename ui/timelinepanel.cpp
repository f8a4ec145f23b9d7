#include "timelinepanel.h"

#include "datefield.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"
#include "timeline.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace Relais::Ui {

TimelinePanel::TimelinePanel(DeskContext context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_day = makeDateField(QDate::currentDate(), this);
    m_day->setObjectName(QStringLiteral("timeline_day"));
    form->addRow(tr("Situation on &day"), m_day);
    layout->addLayout(form);
    m_dayState = new QLabel(this);
    m_dayState->setObjectName(QStringLiteral("day_state"));
    m_dayState->setTextFormat(Qt::RichText);
    m_dayState->setWordWrap(true);
    m_dayState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_dayState);
    layout->addWidget(new QLabel(tr("<b>Changes</b> (newest first)"), this));
    m_model = new AuditTableModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("audit"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    layout->addWidget(m_view, 1);
    connect(m_day, &DateField::dateChanged, this, &TimelinePanel::updateDay);
}

void TimelinePanel::setSubscriber(const Subscriber &s)
{
    m_subscriber = s;
    reload();
}

void TimelinePanel::setDay(QDate day)
{
    m_day->setDate(day);
}

void TimelinePanel::reload()
{
    m_audit.clear();
    m_subscriptions.clear();
    m_changes.clear();
    m_titles.clear();
    if (!m_subscriber.meta.id.isEmpty()) {
        Store &store = *m_context.store;
        QStringList ids{m_subscriber.meta.id};
        for (const Subscription &s : store.subscriptionsOf(m_subscriber.meta.id)) {
            // The subscriber's own subscriptions; those it only pays for belong to the recipient.
            if (s.recipientId != m_subscriber.meta.id)
                continue;
            m_subscriptions << s;
            ids << s.meta.id;
            const QList<DeliveryChange> changes = store.deliveryChangesOf(s.meta.id);
            m_changes.insert(s.meta.id, changes);
            for (const DeliveryChange &c : changes)
                ids << c.meta.id;
            for (const Complaint &c : store.complaintsOf(s.meta.id))
                ids << c.meta.id;
            if (const auto p = store.publicationById(s.publicationId))
                m_titles.insert(s.meta.id, p->name);
        }
        m_audit = store.auditOf(ids);
    }
    m_model->setRows(auditLines(m_audit));
    fitColumns(m_view, 160);
    updateDay();
}

QString TimelinePanel::dayText() const
{
    return m_dayState->text();
}

void TimelinePanel::updateDay()
{
    if (m_subscriber.meta.id.isEmpty()) {
        m_dayState->clear();
        return;
    }
    if (!m_day->date().isValid())
        return; // the day being typed is not a date yet: the field says why
    const DayState state = stateOn(m_day->date(), m_subscriber, m_audit, m_subscriptions,
                                   m_changes);
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    auto addressHtml = [&](const Address &a) {
        QStringList lines;
        for (const QString &l : {a.line2, a.line3, a.line4, a.line5})
            if (!l.trimmed().isEmpty())
                lines << esc(l);
        lines << esc(a.postalCode + u' ' + a.city);
        if (!a.isFrance())
            lines << esc(a.country);
        return lines.join(QStringLiteral("<br>"));
    };
    QString html;
    if (!state.knownFromHistory) {
        html = tr("This subscriber was not yet recorded on %1.").arg(Labels::date(state.day));
    } else {
        html = tr("<b>Address on %1</b>").arg(Labels::date(state.day)) + QStringLiteral("<br>")
               + addressHtml(state.permanentAddress);
    }
    if (!state.subscriptions.isEmpty()) {
        html += QStringLiteral("<br><br><b>") + tr("Subscriptions that day")
                + QStringLiteral("</b><ul>");
        for (const SubscriptionOnDay &s : state.subscriptions) {
            html += QStringLiteral("<li>")
                    + esc(tr("%1: %2").arg(m_titles.value(s.subscription.meta.id),
                                           Labels::status(s.status)));
            if (s.holidayAddress)
                html += QStringLiteral(" — ") + tr("delivered to the holiday address:")
                        + QStringLiteral("<br>") + addressHtml(s.holidayAddress->address);
            html += QStringLiteral("</li>");
        }
        html += QStringLiteral("</ul>");
    }
    m_dayState->setText(html);
}

} // namespace Relais::Ui
