// How a query file from queries/ becomes the text Azure runs (alert rules, workbook).
//
// Every file declares its parameters with `declare query_parameters(...)`, with defaults. Alert rules
// and workbooks cannot pass query parameters, so the statement is replaced, where it stands (after the
// header comments), by one `let` per parameter. The test suite checks that each use binds exactly the
// parameters its file declares, and runs the bound text through the KQL checker.

@export()
@description('The query text with its declare query_parameters(...) statement replaced by the given let statements.')
func bindQuery(text string, lets string[]) string => '${substring(text, 0, indexOf(text, 'declare query_parameters('))}${join(lets, '\n')}${substring(text, indexOf(text, 'declare query_parameters(') + indexOf(substring(text, indexOf(text, 'declare query_parameters(')), ');') + 2)}'

@export()
@description('The text as the inside of a JSON string literal (for the workbook template).')
func jsonString(text string) string => replace(replace(replace(replace(replace(text, '\\', '\\\\'), '"', '\\"'), '\r', '\\r'), '\n', '\\n'), '\t', '\\t')
