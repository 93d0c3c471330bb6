import t from 'tap';
import { parseCustomerCsv, splitCsvLine } from '../src/features/admin/customer-csv.js';

t.test('CSV lines with quotes and commas inside fields', async (t) => {
  t.same(splitCsvLine('5550100,"Li, Wei",vip'), ['5550100', 'Li, Wei', 'vip']);
  t.same(splitCsvLine('5550100,"say ""hi""",gold'), ['5550100', 'say "hi"', 'gold']);
  t.same(splitCsvLine(' 5550100 , Ann ,'), ['5550100', 'Ann', '']);
});

t.test('a directory export imports with any column order, defaults and a BOM', async (t) => {
  const { customers, problems } = parseCustomerCsv('\uFEFFtier,number,name,notes\r\nVIP,+8613800000000,Wang Fang,x\r\n,5550101,,\r\n\r\n');
  t.same(problems, []);
  t.same(customers, [
    { number: '+8613800000000', name: 'Wang Fang', tier: 'vip' },
    { number: '5550101', name: null, tier: 'standard' },
  ]);
});

t.test('every problem is reported with its line and field', async (t) => {
  const { problems } = parseCustomerCsv('number,name,tier\nabc,Bad Number,gold\n5550102,Bad Tier,platinum\n5550102,Twice,standard\n');
  t.same(problems, [
    { line: 2, field: 'number', message: "'abc' is not a phone number" },
    { line: 3, field: 'tier', message: "'platinum' is not one of standard, gold, vip" },
    { line: 4, field: 'number', message: '5550102 already appears on line 3' },
  ]);
  t.same(parseCustomerCsv('name,tier\nAnn,vip').problems, [{ line: 1, field: 'number', message: 'the header has no number column' }]);
  t.match(parseCustomerCsv(`number,name\n5550103,${'x'.repeat(121)}`).problems, [{ line: 2, field: 'name' }]);
});
