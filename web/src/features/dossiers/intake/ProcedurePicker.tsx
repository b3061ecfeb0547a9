import { Combobox, InputBase, Loader, ScrollArea, useCombobox } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminProcedures } from '../../../api/catalog';
import { useLocalize } from '../../catalog/localized';

interface ProcedurePickerProps {
  value: string;
  onChange: (code: string) => void;
  error?: React.ReactNode;
}

type Option = { value: string; label: string };

/**
 * The procedure at intake: a searchable list that asks the staff catalog
 * search (name without diacritics, or code) as the receptionist types.
 *
 * Keyboard-first: the first procedure of the list on screen is always the
 * highlighted one — also when the server's answer to what was typed replaces
 * the previous list — so Enter or Tab takes what the receptionist sees at the
 * top, and the arrows move from there. (Mantine's `Select` keeps the
 * highlight's index when its data changes under it, so Enter could take
 * another procedure than the one shown first.)
 */
export function ProcedurePicker({ value, onChange, error }: ProcedurePickerProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const id = useId();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Option | null>(null);
  const [q] = useDebouncedValue(search.trim(), 200);
  // A search equal to the chosen label lists that procedure again, not a search by its label.
  const query = selected !== null && q === selected.label ? '' : q;
  const list = useAdminProcedures({ ...(query ? { q: query } : {}), active: 'true', limit: 30, offset: 0 });
  const options: Option[] = (list.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${localize(p.name, p.nameEn)}` }));
  if (selected !== null && selected.value === value && !options.some((o) => o.value === value)) options.unshift(selected);
  const shown = options.map((o) => o.value).join('\n');

  const { dropdownOpened } = combobox;
  useEffect(() => {
    // `combobox` is a new object at every render; what matters is the list shown.
    if (dropdownOpened) combobox.selectFirstOption();
  }, [shown, dropdownOpened]);

  // The field shows the chosen procedure again when it loses the focus or the value changes from outside.
  const labelOfValue = selected !== null && selected.value === value ? selected.label : '';
  useEffect(() => {
    if (value === '') {
      setSelected(null);
      setSearch('');
    }
  }, [value]);

  const pick = (code: string) => {
    const option = options.find((o) => o.value === code);
    if (!option) return;
    setSelected(option);
    setSearch(option.label);
    onChange(option.value);
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} keepMounted>
      <Combobox.Target targetType="input" withExpandedAttribute>
        <InputBase
          id={id}
          label={t('dossiers.intake.procedure')}
          placeholder={t('dossiers.intake.procedurePlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onClick={() => {
            combobox.openDropdown();
          }}
          onBlur={() => {
            // Tab after typing takes the highlighted procedure, as Enter does; leaving untouched changes nothing.
            const typed = search !== labelOfValue;
            if (typed && combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1) combobox.clickSelectedOption();
            else setSearch(labelOfValue);
            combobox.closeDropdown();
          }}
          rightSection={list.isFetching ? <Loader size="xs" aria-label={t('common.loading')} /> : <Combobox.Chevron error={error} />}
          rightSectionPointerEvents="none"
          error={error}
          required
          data-autofocus
          autoFocus
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options aria-labelledby={`${id}-label`}>
          <ScrollArea.Autosize mah={320} type="scroll">
            {options.length === 0 ? (
              <Combobox.Empty>{list.isFetching ? t('common.loading') : t('dossiers.intake.noProcedure')}</Combobox.Empty>
            ) : (
              options.map((o) => (
                <Combobox.Option value={o.value} key={o.value} active={o.value === value}>
                  {o.label}
                </Combobox.Option>
              ))
            )}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
