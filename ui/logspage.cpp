// SPDX-License-Identifier: MIT
// LogsPage: a filter proxy over the live model; the detail pane follows the current row. While the page is hidden
// (another tab, or the window in the tray) the model holds new rows back and the table does no work at all.
#include "logspage.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "logs/requestlog.h"
#include "logsmodel.h"
#include "proxyservice.h"

class LogsFilterModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString text;
    int status = 0; // 0 all, 1 success, 2 errors
    void refilter() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (status == 1 && !i.data(LogsModel::SuccessRole).toBool())
            return false;
        if (status == 2 && i.data(LogsModel::SuccessRole).toBool())
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
{
    m_view->setObjectName(QStringLiteral("requestTable"));
    m_search->setObjectName(QStringLiteral("requestSearch"));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_details->setObjectName(QStringLiteral("requestDetails"));
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(LogsModel::RawValueRole);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setSectionResizeMode(LogsModel::Error, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(LogsModel::Account, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(LogsModel::Model, QHeaderView::ResizeToContents);
    m_search->setPlaceholderText(tr("Search account, model, error, request id…"));
    m_search->setClearButtonEnabled(true);
    m_status->addItems({tr("All requests"), tr("Successful"), tr("Failed")});
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a request to see its timing, failover hops and error."));

    auto *clear = new QPushButton(tr("Clear"), this);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(exportButton);
    filters->addWidget(clear);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
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
    connect(clear, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Clear the request log"), tr("Remove every row of the request log?")) ==
            QMessageBox::Yes)
            m_service.requestLog().clear();
    });
    connect(exportButton, &QPushButton::clicked, this, &LogsPage::exportLog);
    m_model->setLive(false); // until the page is shown
}

void LogsPage::showEvent(QShowEvent *event)
{
    m_model->setLive(true);
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
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(m_model->details(current.data(LogsModel::RowIndexRole).toInt()));
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
