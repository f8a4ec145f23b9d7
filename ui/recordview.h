#pragma once
// One subscriber's record beside the list: identity and address, subscriptions, timeline. Keeps
// what the clerk types: Enter or Ctrl+S saves (only once COMMIT returned does it say "saved"),
// Esc drops the edits, leaving a modified record asks, and every keystroke is kept as a draft
// until the record is saved or the edits dropped.

#include "deskcontext.h"
#include "domain.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;

namespace Relais::Ui {

class SubscriberForm;
class SubscriptionsPanel;
class TimelinePanel;

class RecordView final : public QWidget
{
    Q_OBJECT
public:
    enum class LeaveChoice { Save, Discard, Stay };
    enum Tab { IdentityTab, SubscriptionsTab, TimelineTab };

    RecordView(DeskContext context, DeskEvents *events, QWidget *parent = nullptr);

    // A blank record (or the draft of one left unsaved).
    void newSubscriber();
    bool openSubscriber(qint64 seq);
    bool openSubscriberById(const QString &id);
    void clear();
    // Validates and writes; false (with the reasons next to the fields) when nothing was saved.
    bool save();
    // Drops the edits and the draft, back to the stored record.
    void cancelEdits();
    // True when it is fine to show another record: not modified, or saved, or discarded.
    bool maybeLeave();
    void setLeavePrompt(std::function<LeaveChoice(const QString &name)> prompt);

    bool isModified() const;
    bool hasRecord() const { return m_open; }
    bool isNew() const { return m_open && m_current.meta.id.isEmpty(); }
    const Subscriber &stored() const { return m_current; }
    QString draftKey() const;

    SubscriberForm *form() const { return m_form; }
    SubscriptionsPanel *subscriptions() const { return m_subscriptions; }
    TimelinePanel *timeline() const { return m_timeline; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *saveAction() const { return m_save; }
    QAction *cancelAction() const { return m_cancel; }

private:
    void load(const Subscriber &s);
    void restoreDraft();
    void keepDraft();
    void updateHeader();
    void updateReachNote();

    DeskContext m_context;
    DeskEvents *m_events;
    Subscriber m_current;
    bool m_open = false;
    QLabel *m_header;
    QComboBox *m_channel;
    QLabel *m_draftNote;
    QLabel *m_reachNote;
    // "Title: first issue a change made now reaches", for the subscriber's running subscriptions.
    QStringList m_reach;
    QTabWidget *m_tabs;
    SubscriberForm *m_form;
    SubscriptionsPanel *m_subscriptions;
    TimelinePanel *m_timeline;
    QPushButton *m_saveButton;
    QPushButton *m_cancelButton;
    QAction *m_save;
    QAction *m_cancel;
    std::function<LeaveChoice(const QString &)> m_prompt;
};

} // namespace Relais::Ui
