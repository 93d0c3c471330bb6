import t from 'tap';
import { parseCustomerCsv } from '../src/features/admin/customer-csv.js';

t.test('quoted fields: commas, doubled quotes, spaces and newlines inside', async (t) => {
  const { customers, problems } = parseCustomerCsv('number,name,tier\n5550100,"Li, Wei",vip\n5550101,"say ""hi""",gold\n 5550102 , Ann ,\n5550103,"Zhang\nWei",\n5550104,Last,gold\n');
  t.same(problems, []);
  t.same(customers.map((c) => c.name), ['Li, Wei', 'say "hi"', 'Ann', 'Zhang\nWei', 'Last']);
});

t.test('a problem after a multi-line field names the line its record starts on', async (t) => {
  const { problems } = parseCustomerCsv('number,name\n5550105,"two\nlines"\n\nabc,after\n');
  t.same(problems, [{ line: 5, field: 'number', message: "'abc' is not a phone number" }]);
});

t.test('an unclosed quote is one problem naming the file, and nothing is imported', async (t) => {
  const { customers, problems } = parseCustomerCsv('number,name\n5550106,"open\n5550107,x\n');
  t.same(customers, []);
  t.equal(problems.length, 1);
  t.match(problems, [{ field: 'file', message: /Quote Not Closed/ }]);
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
