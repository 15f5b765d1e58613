import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTemplate } from '../../../src/one/template-render.js';

test('TEMPLATE as Sunstone renders it: document order, vectors closed by " ]", quotes escaped', () => {
  const xml =
    '<VM><ID>7</ID><TEMPLATE><CPU><![CDATA[1]]></CPU><DISK><IMAGE>deb "12"</IMAGE><SIZE>10</SIZE>' +
    '<EMPTY/></DISK><MEMORY>512</MEMORY><DISK><IMAGE_ID>4</IMAGE_ID></DISK><NOTHING/><DESC>a &amp; b\\c</DESC>' +
    '</TEMPLATE><USER_TEMPLATE><X>1</X></USER_TEMPLATE></VM>';
  assert.equal(
    renderTemplate(xml),
    'CPU="1"\nDISK=[\n  IMAGE="deb \\"12\\"",\n  SIZE="10" ]\nMEMORY="512"\nDISK=[\n  IMAGE_ID="4" ]\nDESC="a & b\\c"',
  );
});

test('no TEMPLATE gives an empty text; only the root TEMPLATE counts', () => {
  assert.equal(renderTemplate('<ACL_POOL></ACL_POOL>'), '');
  assert.equal(renderTemplate('<VM><X><TEMPLATE><A>1</A></TEMPLATE></X><TEMPLATE/></VM>'), '');
});

test('malformed XML is oned-side trouble, named', () => {
  assert.throws(() => renderTemplate('<VM><TEMPLATE>', 'the answer to one.vm.info'), {
    code: 'SUN_ERR_ONE_XML_PARSE',
    message: /the answer to one.vm.info/,
  });
});
