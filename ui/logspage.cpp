// SPDX-License-Identifier: MIT
// LogsPage: a filter proxy over the live model; the detail pane follows the current row. While the page is hidden
// (another tab, or the window in the tray) the model holds new rows back and the table does no work at all.
// Columns are sized once (from typical content, not the rows of the moment, so a filter never moves them) and the
// user's widths are remembered; the Error column takes the rest.
#include "logspage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

#include "logs/requestlog.h"
#include "logsmodel.h"
#include "proxyservice.h"
#include "uistate.h"

class LogsFilterModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString text;
    int status = 0; // 0 all, 1 success, 2 errors, 3 in progress
    void refilter() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        const bool inFlight = i.data(LogsModel::InFlightRole).toBool();
        if (status == 1 && !i.data(LogsModel::SuccessRole).toBool())
            return false;
        if (status == 2 && (inFlight || i.data(LogsModel::SuccessRole).toBool()))
            return false;
        if (status == 3 && !inFlight)
            return false;
        return text.isEmpty() || i.data(LogsModel::SearchTextRole).toString().contains(text, Qt::CaseInsensitive);
    }
};

/// A table that keeps the row at the top in place while requests arrive above it, once the user has scrolled
/// down to read; at the very top it follows the newest request.
class LogsView final : public QTableView
{
public:
    using QTableView::QTableView;

    void setModel(QAbstractItemModel *model) override
    {
        if (this->model())
            disconnect(this->model(), &QAbstractItemModel::rowsAboutToBeInserted, this, nullptr);
        QTableView::setModel(model);
        if (model)
            connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
                if (!m_topRow.isValid() && verticalScrollBar()->value() > verticalScrollBar()->minimum())
                    m_topRow = indexAt(QPoint(0, 0));
            });
    }

protected:
    void updateGeometries() override
    {
        // The scroll range only grows here (item layout is deferred), so this is where the old top row can return.
        QTableView::updateGeometries();
        if (m_topRow.isValid()) {
            const QModelIndex top = m_topRow;
            m_topRow = QPersistentModelIndex();
            scrollTo(top, QAbstractItemView::PositionAtTop);
        }
    }

private:
    QPersistentModelIndex m_topRow;
};

LogsPage::LogsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new LogsModel(service.requestLog(), this))
    , m_filter(new LogsFilterModel(this))
    , m_view(new LogsView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_details(new QPlainTextEdit(this))
    , m_active(new QLabel(this))
    , m_emptyHint(new QLabel(m_view->viewport()))
    , m_copyId(new QAction(tr("&Copy request id"), this))
{
    m_view->setObjectName(QStringLiteral("requestTable"));
    m_search->setObjectName(QStringLiteral("requestSearch"));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_details->setObjectName(QStringLiteral("requestDetails"));
    m_active->setObjectName(QStringLiteral("activeStreams"));
    m_copyId->setObjectName(QStringLiteral("copyRequestId"));
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(LogsModel::RawValueRole);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8); // compact, one line
    sizeColumns();
    m_contentSized = !UiState::value(QStringLiteral("logs/columns")).toByteArray().isEmpty(); // the user's widths
    UiState::rememberHeader(m_view->horizontalHeader(), QStringLiteral("logs/columns"));
    for (int c = 0; c < LogsModel::Error; ++c)
        m_preferred << m_view->horizontalHeader()->sectionSize(c);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int c, int, int size) {
        if (!m_fitting && c < m_preferred.size())
            m_preferred[c] = size; // a drag: the user's width from now on
    });
    m_view->installEventFilter(this);

    m_search->setPlaceholderText(tr("Search account, model, error, request id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 16);
    m_status->addItems({tr("All requests"), tr("Successful"), tr("Failed"), tr("In progress")});
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a request to see its timing, failover hops and error."));

    m_copyId->setShortcut(QKeySequence::Copy);
    m_copyId->setShortcutContext(Qt::WidgetShortcut);
    m_copyId->setEnabled(false);
    m_view->addAction(m_copyId);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *find = new QAction(tr("Search the log"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut); // only while this page is the one shown
    addAction(find);

    auto *clear = new QPushButton(tr("C&lear…"), this);
    auto *exportButton = new QPushButton(tr("&Export…"), this);
    clear->setObjectName(QStringLiteral("clearLog"));
    exportButton->setObjectName(QStringLiteral("exportLog"));
    clear->setToolTip(tr("Remove every row of the request log"));
    exportButton->setToolTip(tr("Save the request log as JSON Lines"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(exportButton);
    filters->addWidget(clear);

    auto *legend = new QLabel(tr("⇢ streamed · ~ estimated token count · … in progress"), this);
    legend->setObjectName(QStringLiteral("logsLegend"));
    legend->setForegroundRole(QPalette::PlaceholderText);
    m_active->setToolTip(tr("Requests being answered now, streamed or not"));
    m_active->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    for (QLabel *label : {legend, m_active}) {
        QFont small = label->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        label->setFont(small);
    }
    auto *notes = new QHBoxLayout;
    notes->addWidget(legend, 1);
    notes->addWidget(m_active);

    m_emptyHint->setObjectName(QStringLiteral("logsEmpty"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents); // the table's context menu still opens
    auto *hintLayout = new QVBoxLayout(m_view->viewport());
    hintLayout->setContentsMargins(24, 24, 24, 24);
    hintLayout->addWidget(m_emptyHint);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(notes);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_filter->text = t.trimmed();
        m_filter->refilter();
    });
    connect(m_status, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        m_filter->status = i;
        m_filter->refilter();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogsPage::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogsPage::showDetails);
    // The current row finished in place, or found its account: the pane says so (the elapsed-time ticks change
    // nothing it shows, and an unchanged text is not set again, so a selection in it survives).
    connect(m_filter, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_view->currentIndex().row();
        if (row >= from.row() && row <= to.row())
            showDetails();
    });
    connect(m_model, &LogsModel::inFlightCountChanged, this, &LogsPage::showInFlightCount);
    connect(clear, &QPushButton::clicked, this, &LogsPage::confirmClear);
    connect(exportButton, &QPushButton::clicked, this, &LogsPage::exportLog);
    connect(m_copyId, &QAction::triggered, this, &LogsPage::copyRequestId);
    connect(find, &QAction::triggered, this, &LogsPage::focusSearch);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, exportButton);
    setTabOrder(exportButton, clear);
    setTabOrder(clear, m_view);
    setTabOrder(m_view, m_details);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &LogsPage::updateEmptyHint);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LogsPage::updateEmptyHint);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &LogsPage::updateEmptyHint);
    showInFlightCount(m_model->inFlightCount());
    updateEmptyHint();
    m_model->setLive(false); // until the page is shown
}

void LogsPage::sizeColumns()
{
    // From typical content rather than the rows of the moment: a filter or a burst of new rows never moves them.
    QHeaderView *header = m_view->horizontalHeader();
    const QFontMetrics fm = m_view->fontMetrics();
    const QLocale locale;
    const int padding = fm.averageCharWidth() * 2;
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 59, 59));
    const QString widest[LogsModel::ColumnCount] = {
        locale.toString(sample, QLocale::ShortFormat),
        QString(16, QLatin1Char('n')),
        QStringLiteral("claude-sonnet-4-5 ⇢"),
        QStringLiteral("499"),
        QStringLiteral("%1~ / %2~").arg(locale.toString(12345), locale.toString(1234)),
        tr("%1 s").arg(locale.toString(123.45, 'f', 2)),
        QString(),
    };
    header->setMinimumSectionSize(fm.averageCharWidth() * 4);
    for (int c = 0; c < LogsModel::Error; ++c) {
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        header->resizeSection(c, qMax(fm.horizontalAdvance(widest[c]) + padding, header->sectionSizeHint(c)));
    }
    header->setStretchLastSection(true); // Error: whatever is left, elided; the whole text is in its tooltip
}

LogsPage::~LogsPage()
{
    // ~QWidget hides the table after this object is gone: its header's resizes and its events must not reach here.
    m_view->removeEventFilter(this);
    disconnect(m_view->horizontalHeader(), nullptr, this, nullptr);
}

bool LogsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void LogsPage::fitColumns()
{
    // The Error column keeps at least a good part of the table: in a narrow window the wide columns give up some of
    // their width (in proportion to what they have beyond a minimum), and get it back when the window grows. The
    // table's width decides, not the viewport's, so a scroll bar that comes or goes with a filter moves nothing.
    QHeaderView *header = m_view->horizontalHeader();
    const int available = m_view->contentsRect().width() - m_view->verticalScrollBar()->sizeHint().width();
    if (available <= 0 || m_preferred.size() != LogsModel::Error)
        return;
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    const int budget = available - qMax(available * 30 / 100, charWidth * 16);
    QList<int> widths = m_preferred;
    int total = 0;
    for (const int w : std::as_const(widths))
        total += w;
    if (total > budget) {
        // The least each keeps: today's times whole, a dozen characters of names.
        const int timeFloor =
            m_view->fontMetrics().horizontalAdvance(QLocale().toString(QTime(23, 59, 59), QLocale::ShortFormat)) +
            charWidth * 2;
        const int shrinkable[] = {LogsModel::Time, LogsModel::Account, LogsModel::Model, LogsModel::Tokens};
        const auto floor = [&](int c) {
            const int least = c == LogsModel::Time ? timeFloor : c == LogsModel::Tokens ? 0 : charWidth * 12;
            return qMax(header->sectionSizeHint(c), least);
        };
        int room = 0;
        for (const int c : shrinkable)
            room += qMax(0, widths[c] - floor(c));
        if (room > 0) {
            const double share = qMin(1.0, double(total - budget) / room);
            for (const int c : shrinkable)
                widths[c] -= qRound(qMax(0, widths[c] - floor(c)) * share);
        }
    }
    // Fitting is not choosing: what is remembered stays the user's widths.
    const QString key = QStringLiteral("logs/columns");
    const QVariant remembered = UiState::value(key);
    m_fitting = true;
    for (int c = 0; c < widths.size(); ++c) {
        if (header->sectionSize(c) != widths[c])
            header->resizeSection(c, widths[c]);
    }
    m_fitting = false;
    UiState::setValue(key, remembered);
}

void LogsPage::showEvent(QShowEvent *event)
{
    m_model->setLive(true);
    if (!m_contentSized) {
        // The first time, with nothing remembered: names as long as those in the log get room for them (within
        // reason). Once; never again as rows come and go or filters change.
        m_contentSized = true;
        const int most = m_view->fontMetrics().averageCharWidth() * 32;
        for (const int c : {int(LogsModel::Account), int(LogsModel::Model)})
            m_preferred[c] =
                qMax(m_preferred[c], qMin(static_cast<QAbstractItemView *>(m_view)->sizeHintForColumn(c), most));
        fitColumns();
    }
    QWidget::showEvent(event);
}

void LogsPage::hideEvent(QHideEvent *event)
{
    m_model->setLive(false);
    QWidget::hideEvent(event);
}

void LogsPage::showDetails()
{
    const QModelIndex current = m_view->currentIndex();
    m_copyId->setEnabled(current.isValid());
    const QString text =
        current.isValid() ? m_model->details(current.data(LogsModel::RowIndexRole).toInt()) : QString();
    if (text != m_details->toPlainText())
        m_details->setPlainText(text);
}

void LogsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void LogsPage::copyRequestId()
{
    const QString id = m_view->currentIndex().data(LogsModel::RequestIdRole).toString();
    if (!id.isEmpty())
        QApplication::clipboard()->setText(id);
}

void LogsPage::showInFlightCount(int count)
{
    m_active->setText(tr("Active streams: %n", nullptr, count));
}

void LogsPage::updateEmptyHint()
{
    const bool empty = m_filter->rowCount() == 0;
    m_emptyHint->setVisible(empty);
    if (!empty)
        return;
    if (m_model->rowCount() > 0)
        m_emptyHint->setText(tr("No request matches the search or the filter."));
    else
        m_emptyHint->setText(tr("No requests yet. Point a client at the endpoint the Overview page shows; every "
                                "request appears here as soon as it starts."));
}

void LogsPage::confirmClear()
{
    QMessageBox box(QMessageBox::Question, tr("Clear the request log"),
                    tr("Remove every row of the request log? Requests still in progress stay."), QMessageBox::NoButton,
                    this);
    QPushButton *clear = box.addButton(tr("&Clear"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    clear->setObjectName(QStringLiteral("confirmClear"));
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == clear)
        m_service.requestLog().clear();
}

void LogsPage::exportLog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export request log"), QStringLiteral("kiro-requests.jsonl"), tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    const auto result = m_service.requestLog().exportJsonl(path);
    if (!result)
        QMessageBox::warning(this, tr("Export failed"), result.error());
}
