#include "recordview.h"

#include "deskqueries.h"
#include "draftstore.h"
#include "recordmodels.h"
#include "store.h"
#include "subscriberform.h"
#include "subscriptionspanel.h"
#include "timelinepanel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {
// The draft's entry that keeps the record as the clerk saw it when the edit began: after a restart
// the save still sends only what the clerk changed, against what they had seen.
const QString kDraftSeen = QStringLiteral("_seen");
} // namespace

RecordView::RecordView(DeskContext context, DeskEvents *events, QWidget *parent)
    : QWidget(parent), m_context(context), m_events(events)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("record_header"));
    m_header->setTextFormat(Qt::RichText);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_header, 1);
    // How the reader reached us goes into the audit of every change made from here.
    auto *channelLabel = new QLabel(tr("Channel:"), this);
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channel"));
    for (ContactChannel c : {ContactChannel::Phone, ContactChannel::Letter, ContactChannel::Email,
                             ContactChannel::Counter, ContactChannel::Web, ContactChannel::Desk})
        m_channel->addItem(Labels::channel(c), int(c));
    m_channel->setCurrentIndex(m_channel->findData(int(context.store->actor().channel)));
    m_channel->setSizeAdjustPolicy(
        QComboBox::AdjustToContents); // "Téléphone" whole, in any language
    channelLabel->setBuddy(m_channel);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        Actor actor = m_context.store->actor();
        actor.channel = ContactChannel(m_channel->currentData().toInt());
        m_context.store->setActor(actor);
    });
    headerRow->addWidget(channelLabel);
    headerRow->addWidget(m_channel);
    layout->addLayout(headerRow);
    m_draftNote = new QLabel(this);
    m_draftNote->setObjectName(QStringLiteral("draft_note"));
    m_draftNote->setWordWrap(true);
    m_draftNote->setStyleSheet(QStringLiteral("background: #fff4ce; padding: 4px;"));
    m_draftNote->hide();
    layout->addWidget(m_draftNote);
    m_reachNote = new QLabel(this);
    m_reachNote->setObjectName(QStringLiteral("reach_note"));
    m_reachNote->setWordWrap(true);
    m_reachNote->setStyleSheet(QStringLiteral("background: #e8f0fe; padding: 4px;"));
    m_reachNote->hide();
    layout->addWidget(m_reachNote);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("record_tabs"));
    m_form = new SubscriberForm;
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    m_tabs->addTab(scroll, tr("I&dentity and address"));
    m_subscriptions = new SubscriptionsPanel(context, events);
    m_tabs->addTab(m_subscriptions, tr("S&ubscriptions"));
    m_timeline = new TimelinePanel(context);
    m_tabs->addTab(m_timeline, tr("Ti&meline"));
    layout->addWidget(m_tabs, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_cancelButton = new QPushButton(tr("Cancel changes"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancel_button"));
    m_saveButton = new QPushButton(tr("Save"), this);
    m_saveButton->setObjectName(QStringLiteral("save_button"));
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_saveButton);
    layout->addLayout(buttons);

    m_save = new QAction(tr("&Save"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_cancel = new QAction(tr("&Cancel changes"), this);
    // Esc belongs to the record: it must not close the window or a popup's parent.
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_cancel);
    connect(m_save, &QAction::triggered, this, &RecordView::save);
    connect(m_cancel, &QAction::triggered, this, &RecordView::cancelEdits);
    connect(m_saveButton, &QPushButton::clicked, this, &RecordView::save);
    connect(m_cancelButton, &QPushButton::clicked, this, &RecordView::cancelEdits);
    connect(m_form, &SubscriberForm::saveRequested, this, &RecordView::save);
    connect(m_form, &SubscriberForm::edited, this, &RecordView::keepDraft);
    connect(m_form, &SubscriberForm::modifiedChanged, this, &RecordView::updateHeader);
    connect(m_form, &SubscriberForm::edited, this, &RecordView::updateReachNote);
    connect(events, &DeskEvents::recordChanged, this, [this](const QString &id) {
        if (id == m_current.meta.id && !id.isEmpty())
            m_timeline->reload();
    });

    m_prompt = [this](const QString &name) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"),
            tr("The record of %1 has changes that are not saved. Save them?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Save)
            return LeaveChoice::Save;
        if (answer == QMessageBox::Discard)
            return LeaveChoice::Discard;
        return LeaveChoice::Stay;
    };
    clear();
}

void RecordView::setLeavePrompt(std::function<LeaveChoice(const QString &)> prompt)
{
    m_prompt = std::move(prompt);
}

QString RecordView::draftKey() const
{
    return m_current.meta.id.isEmpty() ? DraftStore::newRecordKey() : m_current.meta.id;
}

bool RecordView::isModified() const
{
    return m_open && m_form->isModified();
}

void RecordView::clear()
{
    m_open = false;
    m_current = Subscriber{};
    m_form->setSubscriber(m_current);
    m_subscriptions->setSubscriber(m_current);
    m_timeline->setSubscriber(m_current);
    m_tabs->setEnabled(false);
    m_draftNote->hide();
    updateHeader();
}

void RecordView::newSubscriber()
{
    load(Subscriber{});
    m_tabs->setCurrentIndex(IdentityTab);
    m_form->firstField()->setFocus();
}

bool RecordView::openSubscriber(qint64 seq)
{
    const auto s = m_context.store->subscriberBySeq(seq);
    if (!s)
        return false;
    load(*s);
    return true;
}

bool RecordView::openSubscriberById(const QString &id)
{
    const auto s = m_context.store->subscriberById(id);
    if (!s)
        return false;
    load(*s);
    return true;
}

void RecordView::load(const Subscriber &s)
{
    m_open = true;
    m_current = s;
    m_tabs->setEnabled(true);
    m_form->setSubscriber(s);
    const bool isNewRecord = s.meta.id.isEmpty();
    m_tabs->setTabEnabled(SubscriptionsTab, !isNewRecord);
    m_tabs->setTabEnabled(TimelineTab, !isNewRecord);
    m_subscriptions->setSubscriber(s);
    m_timeline->setSubscriber(s);
    m_draftNote->hide();
    // A move reaches the labels from the first issue still open to changes, title by title.
    m_reach.clear();
    if (!isNewRecord) {
        const QDateTime now = QDateTime::currentDateTime();
        const QDate today = now.date();
        for (const Subscription &sub : m_context.store->subscriptionsOf(s.meta.id)) {
            if (sub.recipientId != s.meta.id || (sub.end.isValid() && sub.end < today)
                || (sub.cancelDate.isValid() && sub.cancelDate <= today))
                continue;
            if (const auto p = m_context.store->publicationById(sub.publicationId)) {
                const QString line = tr("%1 from the issue of %2")
                                         .arg(p->name, Labels::date(p->firstIssueReachedBy(now)));
                if (!m_reach.contains(line))
                    m_reach << line;
            }
        }
    }
    restoreDraft();
    updateHeader();
    updateReachNote();
}

void RecordView::updateReachNote()
{
    const Address typed = m_form->subscriber().address;
    if (!m_open || m_reach.isEmpty() || typed == m_current.address) {
        m_reachNote->hide();
        return;
    }
    m_reachNote->setText(
        tr("Saved now, the new address reaches: %1.").arg(m_reach.join(QStringLiteral("; "))));
    m_reachNote->show();
}

void RecordView::restoreDraft()
{
    auto draft = m_context.drafts->load(draftKey());
    if (!draft)
        return;
    const QVariant seen = draft->take(kDraftSeen);
    m_form->setValues(*draft);
    // A draft written before the base was kept has none: the record as stored is the best guess.
    if (seen.isValid())
        m_form->setSeen(SubscriberForm::withValues(m_current, seen.toMap()));
    m_draftNote->setText(
        tr("Changes typed earlier and never saved were restored. Save them (Ctrl+S) "
           "or drop them (Esc)."));
    m_draftNote->show();
}

void RecordView::keepDraft()
{
    if (!m_open)
        return;
    QVariantMap draft = m_form->values();
    if (!m_current.meta.id.isEmpty())
        draft.insert(kDraftSeen, SubscriberForm::valuesOf(m_form->seen()));
    m_context.drafts->save(draftKey(), draft);
}

void RecordView::updateHeader()
{
    if (!m_open) {
        m_header->setText(
            tr("<i>No subscriber selected. Search (Ctrl+F) or create one (Ctrl+N).</i>"));
        m_saveButton->setEnabled(false);
        m_cancelButton->setEnabled(false);
        m_save->setEnabled(false);
        m_cancel->setEnabled(false);
        return;
    }
    QString
        text = m_current.meta.id.isEmpty() ? tr("<b>New subscriber</b>")
               : m_current.number < 0
                   // Created offline after the leased numbers ran out: the next sync numbers it.
                   ? tr("<b>Number pending — %1</b>").arg(m_current.displayName().toHtmlEscaped())
                   : tr("<b>No. %1 — %2</b>")
                         .arg(m_current.number)
                         .arg(m_current.displayName().toHtmlEscaped());
    if (m_form->isModified())
        text += QStringLiteral(" <span style='color:#8a6d00'>") + tr("(modified, not saved)")
                + QStringLiteral("</span>");
    m_header->setText(text);
    m_saveButton->setEnabled(m_form->isModified());
    m_cancelButton->setEnabled(m_form->isModified());
    m_save->setEnabled(true);
    m_cancel->setEnabled(true);
}

bool RecordView::save()
{
    if (!m_open)
        return false;
    const Issues issues = m_form->validate(true);
    if (!issues.isEmpty()) {
        m_tabs->setCurrentIndex(IdentityTab);
        if (QWidget *w = m_form->fieldWidget(issues.first().field))
            w->setFocus();
        emit m_events->statusMessage(
            tr("Not saved: %n problem(s) to correct.", nullptr, int(issues.size())));
        return false;
    }
    const bool created = m_current.meta.id.isEmpty();
    const QString oldKey = draftKey();
    auto r = created ? m_context.store->addSubscriber(m_form->subscriber())
                     : m_context.store->updateSubscriber(m_form->subscriber(), m_form->seen());
    if (!r) {
        m_form->showIssues(r.error().issues.isEmpty()
                               ? Issues{Issue{QString(), r.error().code, r.error().message}}
                               : r.error().issues);
        emit m_events->statusMessage(tr("Not saved: %1").arg(r.error().message));
        return false;
    }
    // Committed: the draft has done its job.
    m_context.drafts->remove(oldKey);
    const Subscriber saved = *r;
    load(saved);
    const auto seq = DeskQueries(m_context.store->db()).seqOfId(saved.meta.id);
    emit m_events->subscriberSaved(seq ? *seq : -1, saved.meta.id, created);
    emit m_events->recordChanged(saved.meta.id);
    emit m_events->statusMessage(created
                                     ? tr("Subscriber no. %1 created and saved.").arg(saved.number)
                                     : tr("Subscriber no. %1 saved.").arg(saved.number));
    return true;
}

void RecordView::cancelEdits()
{
    if (!m_open)
        return;
    m_context.drafts->remove(draftKey());
    if (m_current.meta.id.isEmpty()) {
        clear();
        emit m_events->statusMessage(tr("New record dropped."));
        return;
    }
    load(m_current);
    emit m_events->statusMessage(tr("Changes dropped."));
}

bool RecordView::maybeLeave()
{
    if (!isModified())
        return true;
    const QString name = m_current.meta.id.isEmpty() ? tr("the new subscriber")
                                                     : m_current.displayName();
    switch (m_prompt(name)) {
    case LeaveChoice::Save: return save();
    case LeaveChoice::Discard:
        m_context.drafts->remove(draftKey());
        m_form->setModified(false);
        return true;
    case LeaveChoice::Stay: return false;
    }
    return false;
}

} // namespace Relais::Ui
