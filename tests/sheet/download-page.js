// The test page's part of a share panel: on a click, load the export and download the workbook
// of the input the test put into the page (JSON, not executed).
const input = JSON.parse(document.getElementById('sheet-input')?.textContent ?? 'null');
for (const button of document.querySelectorAll('button[data-module]')) {
  button.addEventListener('click', async () => {
    const { downloadWorkbook } = await import(button.getAttribute('data-module'));
    await downloadWorkbook(input);
    button.setAttribute('data-done', 'yes');
  });
}
